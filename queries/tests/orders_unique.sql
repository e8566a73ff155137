-- severity: error
-- Every order_id appears once in orders.csv.
-- test [de] Jede Bestellnummer (`order_id`) kommt in orders.csv einmal vor.
-- test [en] Every order id (`order_id`) appears once in orders.csv.
-- test [fr] Chaque numéro de commande (`order_id`) apparaît une seule fois dans orders.csv.
select order_id, list(source_line order by source_line) as lines
from stg_shop__orders
group by order_id
having count(*) > 1
order by order_id

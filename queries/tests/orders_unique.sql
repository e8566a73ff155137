-- severity: error
-- Every order_id appears once in orders.csv.
select order_id, list(source_line order by source_line) as lines
from stg_shop__orders
group by order_id
having count(*) > 1
order by order_id

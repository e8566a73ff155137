-- severity: warn
-- A partial refund larger than the order's revenue counts as a full refund.
-- test [de] Eine Teilerstattung, die größer ist als der Umsatz der Bestellung, zählt als volle Erstattung.
-- test [en] A partial refund larger than the order's revenue counts as a full refund.
-- test [fr] Un remboursement partiel supérieur au chiffre d’affaires de la commande compte comme un remboursement total.
select source_file, source_line, order_id, booked_amount, refunded_amount
from stg_shop__orders
where status = 'partially_refunded' and refunded_amount > booked_amount
order by source_line

-- severity: warn
-- A partial refund larger than the order's revenue counts as a full refund.
select source_file, source_line, order_id, booked_amount, refunded_amount
from stg_shop__orders
where status = 'partially_refunded' and refunded_amount > booked_amount
order by source_line

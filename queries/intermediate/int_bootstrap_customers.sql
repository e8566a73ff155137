-- One row per order: the seed the bootstrap resamples the order's customer by
-- (bootstrap_weight, queries/macros.sql). All orders of a customer share it, so a
-- customer counts in a replicate with all their orders or with none; an order
-- without a customer id is a customer of its own.
-- The seed is the hash of the id of the customer's first order (earliest
-- ordered_at, then the smallest order id), not of the customer id: the warehouse
-- keeps customers under a keyed pseudonym whose key is made on a warehouse's first
-- run (pipeline/ingest/pseudonym.ts), so a seed from it would draw other replicates,
-- and other intervals, in every fresh warehouse. Order ids are the shop's and stay;
-- a later month's orders do not change a customer's first order, so intervals of
-- months already published stay as they were.
--   customer c with orders A-2 (2026-10-03) and A-7 (2026-10-09): both seed hash('A-2');
--   a guest order A-5: hash('A-5').
-- Millions of rows at scale, read once by the bootstrap and by experiment_comparison:
-- materialized: temporary
-- test unique: order_key
with orders as (
    select * from int_orders_net
),

first_orders as (
    select customer_id, arg_min(order_id, (ordered_at, order_id)) as first_order_id
    from orders
    where customer_id is not null
    group by customer_id
),

final as (
    select
        orders.order_key,
        customer_seed(coalesce(first_orders.first_order_id, orders.order_id)) as seed,
    from orders
    left join first_orders using (customer_id)
)

select * from final

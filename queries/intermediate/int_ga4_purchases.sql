-- One row per transaction of the GA4 export's purchase events, with the order of
-- the shop it is (order_key, null: no such order) and the browser that bought
-- (browser_id, null: the purchase was sent without user_pseudo_id, so its
-- journey is not observable).
-- A transaction id matches an order id when both are the same after trimming,
-- lower-casing and dropping a leading `#`: Shopify's order name `#1001` matches
-- a GA4 transaction_id `1001` or `#1001`. GA4 often records a purchase twice (a
-- reloaded thank-you page); one transaction is one row, the first event's
-- (purchase_events counts them). A purchase without a transaction id is listed
-- under the empty id, never linked.
-- is_linked: the order's journey is this browser's GA4 sessions
-- (int_attribution_touches); GA4's revenue is never counted, the order's is.
with events as (
    select * from stg_ga4__events
    where is_purchase
),

orders as (
    select * from int_orders_net
),

browser_of_pseudo as (
    select * from int_ga4_browsers
),

transactions as (
    select
        lower(ltrim(trim(coalesce(transaction_id, '')), '#')) as transaction_key,
        min(transaction_id) as transaction_id,
        min(event_at) as purchased_at,
        arg_min(user_pseudo_key, (event_at, source_line)) as user_pseudo_key,
        arg_min(purchase_revenue, (event_at, source_line)) as purchase_revenue,
        arg_min(currency, (event_at, source_line)) as currency,
        arg_min(source_file, (event_at, source_line)) as source_file,
        arg_min(source_line, (event_at, source_line)) as source_line,
        count(*) as purchase_events,
    from events
    group by 1
),

order_keys as (
    select
        lower(ltrim(trim(order_id), '#')) as transaction_key,
        order_key,
        order_month,
    from orders
),

final as (
    select
        transactions.transaction_id,
        transactions.transaction_key,
        transactions.purchased_at,
        transactions.purchase_revenue,
        transactions.currency,
        transactions.purchase_events,
        transactions.source_file,
        transactions.source_line,
        browser_of_pseudo.browser_id,
        order_keys.order_key,
        transactions.transaction_key <> '' and order_keys.order_key is not null and browser_of_pseudo.browser_id is not null as is_linked,
    from transactions
    left join browser_of_pseudo using (user_pseudo_key)
    -- an empty transaction id matches no order; said as nullif in the key, so that the join
    -- stays a hash join (with `transaction_key <> ''` beside the equality DuckDB compared
    -- every purchase with every order: 24 s at bench scale 10)
    left join order_keys
        on order_keys.transaction_key = nullif(transactions.transaction_key, '')
)

select * from final

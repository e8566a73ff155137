-- One row per order of orders.csv, typed and normalised. No personal columns:
-- ingest never loads emails or names, and customer_id stays in the warehouse.
-- booked_amount and refunded_amount are on one basis, net of tax and before
-- shipping; a Shopify export's Subtotal and tax-inclusive Refunded Amount are
-- brought to it at ingest (pipeline/ingest/own-files.ts, loadShopifyOrders).
with source as (
    select * from raw_orders
),

settings as (
    select * from stg_report__settings
),

renamed as (
    select
        source.source_file,
        source.source_line,
        source.order_id,
        source.ordered_at,
        source.customer_id,
        source.revenue as booked_amount,
        coalesce(source.currency, settings.currency) as currency,
        source.status,
        coalesce(source.refunded_amount, 0) as refunded_amount,
        upper(trim(source.coupon_code)) as coupon_code,
        lower(trim(source.utm_source)) as utm_source,
        lower(trim(source.utm_medium)) as utm_medium,
        lower(trim(source.utm_campaign)) as utm_campaign,
        lower(trim(source.utm_content)) as utm_content,
        source.utm_campaign as utm_campaign_as_sent,
    from source
    cross join settings
)

select * from renamed

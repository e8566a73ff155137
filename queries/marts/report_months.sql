-- Grain: one row per calendar month from the first to the last day with data.
-- A month is complete when both the platform data and the orders reach its
-- last day; the report defaults to the latest complete month.
-- test unique: month
-- test not_null: month, month_start, month_end
with ad_rows as (
    select * from int_ad_daily_mapped
),

orders as (
    select * from int_orders_net
),

bounds as (
    select
        least(ad.first_day, shop.first_day) as first_day,
        greatest(ad.last_day, shop.last_day) as last_day,
        least(ad.last_day, shop.last_day) as complete_through,
    from (select min(report_date) as first_day, max(report_date) as last_day from ad_rows) as ad
    cross join (select min(order_date) as first_day, max(order_date) as last_day from orders) as shop
),

months as (
    select cast(unnest(generate_series(date_trunc('month', first_day), date_trunc('month', last_day), interval 1 month)) as date) as month_start
    from bounds
),

final as (
    select
        strftime(months.month_start, '%Y-%m') as month,
        months.month_start,
        cast(last_day(months.month_start) as date) as month_end,
        last_day(months.month_start) <= bounds.complete_through as is_complete,
        bounds.complete_through,
        bounds.last_day as data_through,
    from months
    cross join bounds
)

select * from final

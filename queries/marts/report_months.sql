-- Grain: one row per calendar month from the first to the last day with data
-- (orders or paid platform data).
-- A month is complete when every source the report needs has data for it:
--   * orders: at least one order (of any status) in the month, and the orders
--     reach the month's last day (orders_through);
--   * paid platforms: at least one paid source with data in the month, and the
--     paid data reach the month's last day (paid_through: the latest day of any
--     platform).
-- "At least one paid source", not every platform: a platform whose data stop
-- early may be a paused campaign, and demanding all of them would hold every
-- later month back. A platform whose export simply stopped early is therefore
-- not caught here; the platform_coverage mart shows each platform's days.
-- A month with no orders at all counts as incomplete: an orders export that
-- misses a month is far likelier than a shop without a single order in one.
-- An empty orders file or exports folder (allowed only with --allow-empty)
-- leaves every month incomplete. The report defaults to the latest complete
-- month, and only a complete month is kept as a published snapshot.
-- Paid data are the daily rows and the period rows the report uses (a
-- calendar month's row, or one spread pro rata), each covering its days.
-- complete_through: the last day both sources reach (null when one has no
-- data at all); data_through: the last day any source reaches.
-- test unique: month
-- test not_null: month, month_start, month_end, is_complete, has_orders, has_paid_data
-- dataset [de] Je Kalendermonat mit Daten: ob er vollständig ist und bis zu welchem Tag Bestellungen und Plattformdaten reichen.
-- dataset [en] Per calendar month with data: whether it is complete and up to which day orders and platform data reach.
-- dataset [fr] Par mois calendaire avec données : s’il est complet et jusqu’à quel jour vont les commandes et les données des plateformes.
with ad_rows as (
    select * from int_ad_daily_mapped
),

period_rows as (
    select * from int_ad_period_rows
),

orders as (
    select * from int_orders_net
),

paid_days as (
    select report_date as first_day, report_date as last_day from ad_rows
    union all
    select period_start, period_end from period_rows
    where usage in ('month', 'pro_rata')
),

paid as (
    select min(first_day) as first_day, max(last_day) as last_day from paid_days
),

shop as (
    select min(order_date) as first_day, max(order_date) as last_day from orders
),

bounds as (
    -- least/greatest skip nulls: the months span whichever source has data
    select
        least(paid.first_day, shop.first_day) as first_day,
        greatest(paid.last_day, shop.last_day) as last_day,
        shop.last_day as orders_through,
        paid.last_day as paid_through,
        case when shop.last_day is not null and paid.last_day is not null then least(paid.last_day, shop.last_day) end as complete_through,
    from paid
    cross join shop
),

months as (
    select cast(unnest(generate_series(date_trunc('month', first_day), date_trunc('month', last_day), interval 1 month)) as date) as month_start
    from bounds
    where first_day is not null
),

orders_per_month as (
    select cast(date_trunc('month', order_date) as date) as month_start, count(*) as orders
    from orders
    group by all
),

paid_months as (
    select distinct months.month_start
    from months
    inner join paid_days
        on paid_days.first_day <= last_day(months.month_start)
        and paid_days.last_day >= months.month_start
),

final as (
    select
        strftime(months.month_start, '%Y-%m') as month,
        months.month_start,
        cast(last_day(months.month_start) as date) as month_end,
        coalesce(orders_per_month.orders, 0) > 0 as has_orders,
        paid_months.month_start is not null as has_paid_data,
        coalesce(
            orders_per_month.orders > 0
            and paid_months.month_start is not null
            and last_day(months.month_start) <= bounds.orders_through
            and last_day(months.month_start) <= bounds.paid_through,
            false
        ) as is_complete,
        bounds.complete_through,
        bounds.last_day as data_through,
        bounds.orders_through,
        bounds.paid_through,
    from months
    cross join bounds
    left join orders_per_month
        on orders_per_month.month_start = months.month_start
    left join paid_months
        on paid_months.month_start = months.month_start
)

select * from final

-- One row per month and currency: the factor of the month's last ECB fixing,
-- for amounts that belong to a whole month (monthly costs, monthly platform
-- exports) rather than to a day.
with fx as (
    select * from int_fx_daily_rates
),

last_fixings as (
    select
        strftime(rate_day, '%Y-%m') as month,
        currency,
        max(rate_day) filter (where rate_day = fixing_date) as last_fixing_day,
    from fx
    group by all
),

final as (
    select
        last_fixings.month,
        last_fixings.currency,
        last_fixings.last_fixing_day,
        fx.to_report_factor,
    from last_fixings
    inner join fx
        on fx.currency = last_fixings.currency
        and fx.rate_day = last_fixings.last_fixing_day
)

select * from final

-- One row per month and currency: the factors that convert an amount belonging
-- to a whole month (rather than to a day) into the report currency.
-- metric monthly_cost_conversion [de] Monatliche Kostenumrechnung: eine Monatszeile von costs.csv in fremder Währung wird zum Durchschnitt der EZB-Kurse des Monats umgerechnet (docs/decisions.md)
-- metric monthly_cost_conversion [en] Monthly cost conversion: a monthly row of costs.csv in a foreign currency converts at the average of the month's ECB rates (docs/decisions.md)
-- metric monthly_cost_conversion [fr] Conversion des coûts mensuels: une ligne mensuelle de costs.csv en devise étrangère est convertie à la moyenne des taux BCE du mois (docs/decisions.md)
--
-- average_to_report_factor, for monthly rows of costs.csv: the month's average
-- ECB rate. Each currency's reference rates (units per 1 EUR) of the days in
-- the month on which fx.csv has one (the ECB publishes on TARGET working days)
-- are averaged, as the ECB's own monthly averages are; the factor is
-- average(report currency) / average(currency). A cost that accrues over a
-- month (a fee, a salary) is better valued at the month's average than at any
-- one day's rate. Example, report currency EUR, USD fixed at 1.0800, 1.0900
-- and 1.1000 on the month's three working days: 1,000.00 USD / 1.0900 = 917.43 EUR.
-- to_report_factor, for monthly platform exports and the pro-rata spread of
-- period rows: the rate of the month's last ECB fixing (the day the period ends).
-- Both are null for a currency with no fixing in the month;
-- tests/fx_rates_available.sql then fails the build, never a silent 1.0.
--
-- Mechanics: the average is taken on the exact rates, and the ratio of the two
-- averages is one division, rounded to 10 decimals like the daily factors.
with fx as (
    select * from int_fx_daily_rates
),

rates as (
    select * from stg_ecb__fx_rates
),

settings as (
    select * from stg_report__settings
),

-- The ECB quotes every currency against the euro; the euro itself is 1 on
-- every day the file has a rate for (as in int_fx_daily_rates).
all_rates as (
    select rate_date, currency, rate from rates
    union all
    select distinct rate_date, 'EUR', 1::decimal(18, 6) from rates
),

month_averages as (
    select
        strftime(rate_date, '%Y-%m') as month,
        currency,
        sum(rate) as rate_sum,
        count(*) as fixing_days,
    from all_rates
    group by all
),

average_factors as (
    select
        month_averages.month,
        month_averages.currency,
        month_averages.fixing_days,
        -- average(report) / average(currency)
        --   = (report_sum / report_days) / (rate_sum / fixing_days)
        cast(
            (report_average.rate_sum * month_averages.fixing_days)
            / (month_averages.rate_sum * report_average.fixing_days)
            as decimal(18, 10)
        ) as average_to_report_factor,
    from month_averages
    cross join settings
    inner join month_averages as report_average
        on report_average.month = month_averages.month
        and report_average.currency = settings.currency
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
        average_factors.fixing_days,
        average_factors.average_to_report_factor,
    from last_fixings
    inner join fx
        on fx.currency = last_fixings.currency
        and fx.rate_day = last_fixings.last_fixing_day
    left join average_factors
        on average_factors.month = last_fixings.month
        and average_factors.currency = last_fixings.currency
)

select * from final

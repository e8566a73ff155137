-- One row per calendar day and currency: the factor that converts an amount in
-- `currency` to the report currency, from the ECB fixing of that day or, over
-- weekends and holidays, the last fixing before it (at most 7 days back).
-- ECB rates are units per 1 EUR, so X -> report = rate(report) / rate(X).
-- metric currency_conversion [de] Währungsumrechnung: Betrag ÷ EZB-Kurs seiner Währung × EZB-Kurs der Berichtswährung, am Tag des Betrags, höchstens 7 Tage fortgeschrieben
-- metric currency_conversion [en] Currency conversion: amount / ECB rate of its currency x ECB rate of the report currency, on the amount's day, carried forward at most 7 days
-- metric currency_conversion [fr] Conversion de devises: montant ÷ taux BCE de sa devise × taux BCE de la devise du rapport, le jour du montant, reporté au plus 7 jours
with rates as (
    select * from stg_ecb__fx_rates
),

settings as (
    select * from stg_report__settings
),

euro_rates as (
    select distinct rate_date, 'EUR' as currency, 1::decimal(18, 6) as rate
    from rates
),

all_rates as (
    select rate_date, currency, rate from rates
    union all
    select rate_date, currency, rate from euro_rates
),

currencies as (
    select distinct currency from all_rates
),

days as (
    select cast(unnest(generate_series(min(rate_date), max(rate_date) + 7, interval 1 day)) as date) as rate_day
    from rates
),

fixings as (
    select
        days.rate_day,
        currencies.currency,
        all_rates.rate_date as fixing_date,
        all_rates.rate,
    from days
    cross join currencies
    asof left join all_rates
        on all_rates.currency = currencies.currency
        and all_rates.rate_date <= days.rate_day
),

usable as (
    select * from fixings
    where rate_day - fixing_date <= 7
),

final as (
    select
        usable.rate_day,
        usable.currency,
        usable.fixing_date,
        cast(report_rate.rate / usable.rate as decimal(18, 10)) as to_report_factor,
    from usable
    cross join settings
    inner join usable as report_rate
        on report_rate.rate_day = usable.rate_day
        and report_rate.currency = settings.currency
)

select * from final

-- Grain: one row per platform, account and calendar day from the first to the
-- last day of that account's data, so that days without rows show as gaps.
-- Unique key: (platform, account, date).
-- test unique: platform, account, date
-- dataset [de] Je Plattform, Konto und Kalendertag: ob Daten vorliegen, damit Tage ohne Zeilen als Lücken erscheinen.
-- dataset [en] Per platform, account and calendar day: whether there is data, so that days without rows show as gaps.
-- dataset [fr] Par plateforme, compte et jour calendaire : présence de données, pour que les jours sans ligne apparaissent comme des lacunes.
with ad_rows as (
    select * from int_ad_daily_mapped
),

bounds as (
    select platform, account, min(report_date) as first_day, max(report_date) as last_day
    from ad_rows
    group by all
),

days as (
    select platform, account, cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as date
    from bounds
),

daily as (
    select platform, account, report_date as date, count(*) as rows, sum(spend_report) as spend
    from ad_rows
    group by all
),

final as (
    select
        days.platform,
        days.account,
        days.date,
        coalesce(daily.rows, 0) as rows,
        cast(round(coalesce(daily.spend, 0), 2) as decimal(18, 2)) as spend,
        daily.rows is not null as has_data,
    from days
    left join daily using (platform, account, date)
)

select * from final

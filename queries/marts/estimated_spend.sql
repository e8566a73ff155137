-- Grain: one row per month, platform and campaign whose spend holds an
-- estimate: period rows spread over their days pro rata (report.json
-- "period_rows": "pro_rata", int_ad_period_spread) that fall into more than
-- one month. No rows with the default "period_rows": "unused". The site marks
-- these campaigns and platforms as estimated wherever their spend appears.
-- spend_report is the estimated part of the campaign's media spend in the
-- month (already inside campaign_roi, campaign_performance and the other
-- marts); platform_spend_report the estimated part of the platform's.
-- test unique: month, platform, campaign
-- dataset [de] Je Monat, Plattform und Kampagne: Ausgaben aus Zeitraum-Zeilen, die anteilig nach Tagen auf Monate verteilt sind (eine Schätzung).
-- dataset [en] Per month, platform and campaign: spend from period rows spread over their days pro rata (an estimate).
-- dataset [fr] Par mois, plateforme et campagne : dépenses issues de lignes de période réparties au prorata de leurs jours (une estimation).
with spread as (
    select * from int_ad_period_spread
    where is_estimate
),

per_campaign as (
    select
        month,
        platform,
        campaign,
        count(distinct source_file) as files,
        count(*) as period_rows,
        min(period_start) as first_period_start,
        max(period_end) as last_period_end,
        sum(spend_report) as spend_report,
    from spread
    group by month, platform, campaign
),

final as (
    select
        month,
        platform,
        campaign,
        files,
        period_rows,
        first_period_start,
        last_period_end,
        round(spend_report, 2) as spend_report,
        round(sum(spend_report) over (partition by month, platform), 2) as platform_spend_report,
    from per_campaign
)

select * from final
order by month, platform, campaign

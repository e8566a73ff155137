-- Grain: one row per export file, platform, account, platform campaign, period,
-- currency and reason: the spend of period rows that no month of the report
-- holds (int_ad_period_rows, unused_reason), so that a period that is not a
-- calendar month is never silently useless. Rows superseded by a later export
-- of the same period are left out: that export's copy holds their spend.
-- reason: no_period (the export names no period, e.g. "All time"),
-- part_of_month, several_months (with "period_rows": "unused", the default),
-- overlaps_daily, overlaps_month, overlaps_period (with "pro_rata": the row
-- would count days that other rows of the campaign already count).
-- spend is in the account currency; spend_report converts it at the ECB
-- fixing of the period's last day (a calendar-month row converts at the same
-- rate: its month's last fixing), a row with no period at the latest fixing
-- of its currency in fx.csv (fx_day says which day); null when no rate is
-- known. The file_* columns total the row's file, period, currency and
-- reason, for the overview's one note per file.
-- test not_null: source_file, platform, reason, spend, currency
-- dataset [de] Je Exportdatei, Kampagne, Zeitraum und Grund: Ausgaben von Zeitraum-Zeilen, die in keinem Monat des Berichts stehen.
-- dataset [en] Per export file, campaign, period and reason: spend of period rows that no month of the report holds.
-- dataset [fr] Par fichier d’export, campagne, période et motif : dépenses des lignes de période qu’aucun mois du rapport ne contient.
with period_rows as (
    select * from int_ad_period_rows
),

mapping as (
    select * from int_platform_campaigns_mapped
),

fx as (
    select * from int_fx_daily_rates
),

settings as (
    select * from stg_report__settings
),

latest_fixings as (
    select currency, max(fixing_date) as fixing_date
    from fx
    group by currency
),

unplaced as (
    select
        source_file,
        platform,
        account,
        currency,
        platform_campaign_key,
        max(campaign_name) as campaign_name,
        period_start,
        period_end,
        unused_reason as reason,
        min(usage) as detail,
        count(*) as period_rows,
        sum(spend) as spend,
    from period_rows
    where unused_reason is not null and unused_reason <> 'superseded'
    group by source_file, platform, account, currency, platform_campaign_key, period_start, period_end, unused_reason
),

converted as (
    select
        unplaced.*,
        coalesce(mapping.campaign, 'unmapped') as campaign,
        coalesce(unplaced.period_end, latest_fixings.fixing_date) as fx_day,
        case when unplaced.currency = settings.currency then 1 else fx.to_report_factor end as report_factor,
        cast(unplaced.spend * report_factor as decimal(18, 4)) as spend_report,
    from unplaced
    cross join settings
    left join mapping
        on mapping.platform = unplaced.platform
        and mapping.platform_campaign_key = unplaced.platform_campaign_key
        and mapping.matched_name = coalesce(unplaced.campaign_name, unplaced.platform_campaign_key)
    left join latest_fixings
        on latest_fixings.currency = unplaced.currency
    left join fx
        on fx.currency = unplaced.currency
        and fx.rate_day = coalesce(unplaced.period_end, latest_fixings.fixing_date)
),

final as (
    select
        source_file,
        platform,
        account,
        platform_campaign_key,
        campaign_name,
        campaign,
        period_start,
        period_end,
        strftime(period_start, '%Y-%m') as first_month,
        strftime(period_end, '%Y-%m') as last_month,
        reason,
        detail,
        period_rows,
        currency,
        round(spend, 2) as spend,
        case when currency <> (select currency from settings) then fx_day end as fx_day,
        round(spend_report, 2) as spend_report,
        count(*) over file_period as file_campaigns,
        round(sum(spend) over file_period, 2) as file_spend,
        -- null as soon as one amount of the file has no rate: never a partial total
        case when count(spend_report) over file_period = count(*) over file_period
            then round(sum(spend_report) over file_period, 2) end as file_spend_report,
    from converted
    window file_period as (partition by source_file, platform, currency, period_start, period_end, reason)
)

select * from final
order by source_file, period_start, platform_campaign_key

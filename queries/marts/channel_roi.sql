-- Grain: one row per month, channel and attribution model. Unique key:
-- (month, channel, model). Metrics as in campaign_roi, over the channel's campaigns,
-- with their intervals from the bootstrap over customers (int_roi_intervals).
-- test unique: month, channel, model
-- test not_null: month, channel, model
-- dataset [de] Je Monat, Kanal und Attributionsmodell: die Kennzahlen von `campaign_roi` über die Kampagnen des Kanals, mit Intervallen.
-- dataset [en] Per month, channel and attribution model: the figures of `campaign_roi` over the channel's campaigns, with intervals.
-- dataset [fr] Par mois, canal et modèle d’attribution : les chiffres de `campaign_roi` sur les campagnes du canal, avec intervalles.
with campaigns_roi as (
    select * from campaign_roi
),

intervals as (
    select * from int_roi_intervals
    where grain = 'channel'
),

totals as (
    select
        month,
        channel,
        model,
        sum(media_spend) as media_spend,
        sum(other_cost) as other_cost,
        sum(total_cost) as total_cost,
        sum(conversions) as conversions,
        sum(revenue) as revenue,
        sum(gross_profit) as gross_profit,
        sum(platform_conversion_value) as platform_conversion_value,
        sum(spend_with_conversion_value) as spend_with_conversion_value,
    from campaigns_roi
    group by all
),

final as (
    select
        totals.*,
        case when totals.total_cost > 0 then (totals.gross_profit - totals.total_cost) / totals.total_cost end as roi,
        case when totals.media_spend > 0 then totals.revenue / totals.media_spend end as roas,
        case when totals.conversions > 0 then cast(round(totals.total_cost / totals.conversions, 2) as decimal(18, 2)) end as cpa,
        case when totals.spend_with_conversion_value > 0 then totals.platform_conversion_value / totals.spend_with_conversion_value end as platform_roas,
        intervals.revenue_low,
        intervals.revenue_high,
        intervals.conversions_low,
        intervals.conversions_high,
        intervals.gross_profit_low,
        intervals.gross_profit_high,
        intervals.roi_low,
        intervals.roi_high,
        intervals.roas_low,
        intervals.roas_high,
        intervals.cpa_low,
        intervals.cpa_high,
    from totals
    left join intervals
        on intervals.month = totals.month
        and intervals.key = totals.channel
        and intervals.model = totals.model
)

select * from final

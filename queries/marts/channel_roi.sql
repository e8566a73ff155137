-- Grain: one row per month, channel and attribution model. Unique key:
-- (month, channel, model). Metrics as in campaign_roi, over the channel's campaigns.
-- test unique: month, channel, model
-- test not_null: month, channel, model
with campaigns_roi as (
    select * from campaign_roi
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
        *,
        case when total_cost > 0 then (gross_profit - total_cost) / total_cost end as roi,
        case when media_spend > 0 then revenue / media_spend end as roas,
        case when spend_with_conversion_value > 0 then platform_conversion_value / spend_with_conversion_value end as platform_roas,
    from totals
)

select * from final

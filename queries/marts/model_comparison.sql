-- Grain: one row per month, campaign and attribution model: how each
-- campaign's revenue and ROI move between the attribution models (the sensitivity
-- view). Unique key: (month, campaign, model). Costs are the same under every
-- model; only the credited revenue moves.
-- metric ROI spread: highest minus lowest ROI of a campaign and month over the attribution models
-- test unique: month, campaign, model
-- test check: roi_min <= roi_max
with campaigns_roi as (
    select * from campaign_roi
),

final as (
    select
        month,
        campaign,
        model,
        name,
        channel,
        revenue,
        gross_profit,
        total_cost,
        roi,
        roas,
        min(roi) over (partition by month, campaign) as roi_min,
        max(roi) over (partition by month, campaign) as roi_max,
        max(roi) over (partition by month, campaign) - min(roi) over (partition by month, campaign) as roi_spread,
        min(revenue) over (partition by month, campaign) as revenue_min,
        max(revenue) over (partition by month, campaign) as revenue_max,
    from campaigns_roi
)

select * from final

-- One row per month, attribution model, grain, key and bootstrap replicate: the
-- figures of campaign_roi, channel_roi and monthly_trend as that replicate of the
-- bootstrap over customers makes them (int_attribution_replicates). grain is
-- 'campaign' (key: the campaign), 'channel' (key: the channel, as channel_roi
-- groups it) or 'month' (key: 'all', the month's totals as monthly_trend counts
-- them: revenue, conversions and gross profit of the campaigns, unmapped and
-- unattributed left out; ROAS from the revenue of campaigns bought on platforms).
-- Costs are the month's costs as booked (int_campaign_costs), the same in every
-- replicate; revenue and conversions are resampled; gross profit is a replicate's
-- revenue x the campaign's gross margin, rounded to the cent per campaign as
-- the attribution mart rounds it. A campaign, channel or month with costs and
-- no credited order counts revenue 0 in every replicate.
-- ROI, ROAS and CPA follow their definitions in campaign_roi and monthly_trend;
-- a replicate without conversions has no CPA.
-- Money is in cents and conversions in millionths, whole numbers held as doubles:
-- their sums are exact in any order, so the figures are the same in every run.
--
-- Mechanics: the replicate sums are grouped to the three grains first and the
-- costs joined per grain afterwards (one row per grain and key, not per replicate);
-- only the keys with costs and no credit at all get rows of zeros. A campaign's row
-- is already one per month, model and replicate, so only channels and months are
-- grouped (grouping them as well took 6 of the file's 14 s at scale 100).
-- Read by int_roi_intervals and channel_ranking, held for the run:
-- materialized: temporary
with replicate_sums as (
    select * from int_attribution_replicates
),

campaign_costs as (
    select * from int_campaign_costs
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

settings as (
    select * from stg_report__settings
),

ad_months as (
    select * from int_ad_monthly_mapped
),

paid_media_campaigns as (
    select distinct campaign from ad_months
    where campaign <> 'unmapped'
),

described as (
    select
        replicate_sums.month,
        replicate_sums.model,
        replicate_sums.replicate,
        replicate_sums.campaign,
        coalesce(campaigns.channel, replicate_sums.campaign) as channel,
        replicate_sums.revenue_cents,
        replicate_sums.conversion_micros,
        round(replicate_sums.revenue_cents * cast(coalesce(campaigns.gross_margin, settings.gross_margin) as double)) as gross_profit_cents,
        replicate_sums.campaign not in ('unattributed', 'unmapped') as is_campaign,
        paid_media_campaigns.campaign is not null as is_paid_media,
    from replicate_sums
    cross join settings
    left join campaigns using (campaign)
    left join paid_media_campaigns using (campaign)
),

-- a campaign's replicate row is its own grain: one row per month, model, replicate and campaign
campaign_rows as (
    select
        month,
        model,
        replicate,
        'campaign' as grain,
        campaign as key,
        revenue_cents,
        conversion_micros,
        gross_profit_cents,
        revenue_cents as roas_revenue_cents,
    from described
),

-- channels and the month's totals are sums over the campaigns' rows; the month's totals
-- count the campaigns only, as monthly_trend does
summed_rows as (
    select
        month,
        model,
        replicate,
        case when grouping(channel) = 0 then 'channel' else 'month' end as grain,
        coalesce(channel, 'all') as key,
        case when grouping(channel) = 0 then sum(revenue_cents) else coalesce(sum(revenue_cents) filter (where is_campaign), 0) end as revenue_cents,
        case when grouping(channel) = 0 then sum(conversion_micros) else coalesce(sum(conversion_micros) filter (where is_campaign), 0) end as conversion_micros,
        case when grouping(channel) = 0 then sum(gross_profit_cents) else coalesce(sum(gross_profit_cents) filter (where is_campaign), 0) end as gross_profit_cents,
        case when grouping(channel) = 0 then sum(revenue_cents) else coalesce(sum(revenue_cents) filter (where is_paid_media), 0) end as roas_revenue_cents,
    from described
    group by grouping sets (
        (month, model, replicate, channel),
        (month, model, replicate)
    )
),

grouped as (
    select * from campaign_rows
    union all
    select * from summed_rows
),

costs_described as (
    select
        campaign_costs.month,
        campaign_costs.campaign,
        coalesce(campaigns.channel, campaign_costs.campaign) as channel,
        campaign_costs.spend,
        campaign_costs.total_cost,
    from campaign_costs
    left join campaigns using (campaign)
),

grain_costs as (
    select
        month,
        case
            when grouping(campaign) = 0 then 'campaign'
            when grouping(channel) = 0 then 'channel'
            else 'month'
        end as grain,
        coalesce(campaign, channel, 'all') as key,
        cast(sum(spend) as double) as media_spend,
        cast(sum(total_cost) as double) as total_cost,
    from costs_described
    group by grouping sets ((month, campaign, channel), (month, channel), (month))
),

-- a month's campaign (channel, month) with credits has them in every model and replicate
-- (int_attribution_replicates fills every model); the others get zeros
credited_keys as (
    select distinct month, grain, key from grouped
),

uncredited as (
    select grain_costs.month, grain_costs.grain, grain_costs.key
    from grain_costs
    anti join credited_keys using (month, grain, key)
),

models as (
    select distinct model from replicate_sums
),

replicate_numbers as (
    select distinct replicate from replicate_sums
),

all_rows as (
    select * from grouped
    union all
    select
        uncredited.month,
        models.model,
        replicate_numbers.replicate,
        uncredited.grain,
        uncredited.key,
        0 as revenue_cents,
        0 as conversion_micros,
        0 as gross_profit_cents,
        0 as roas_revenue_cents,
    from uncredited
    cross join models
    cross join replicate_numbers
),

final as (
    select
        all_rows.month,
        all_rows.model,
        all_rows.grain,
        all_rows.key,
        all_rows.replicate,
        coalesce(grain_costs.media_spend, 0) as media_spend,
        coalesce(grain_costs.total_cost, 0) as total_cost,
        all_rows.revenue_cents,
        all_rows.conversion_micros,
        all_rows.gross_profit_cents,
        case when grain_costs.total_cost > 0 then (all_rows.gross_profit_cents / 100 - grain_costs.total_cost) / grain_costs.total_cost end as roi,
        case when grain_costs.media_spend > 0 then all_rows.roas_revenue_cents / 100 / grain_costs.media_spend end as roas,
        case when all_rows.conversion_micros > 0 then coalesce(grain_costs.total_cost, 0) / (all_rows.conversion_micros / 1000000) end as cpa,
    from all_rows
    left join grain_costs using (month, grain, key)
)

select * from final

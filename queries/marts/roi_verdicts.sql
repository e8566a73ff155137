-- Grain: one row per month, grain ('campaign' or 'channel') and key (the campaign or
-- the channel) that has costs. Unique key: (month, grain, key).
-- What the bootstrap lets the report claim about each campaign's and channel's ROI
-- (int_roi_intervals): under one model, ROI is robustly above 0 when at least
-- interval_level of the replicates (90 % by default) have it above 0, robustly below
-- 0 in the mirror case.
-- metric Verdict: earns (ROI robustly above 0 under every model), loses (robustly below 0 under every model), depends_on_model (robust under some models, not all or not the same way), uncertain (robust under none); empty without costs or without bootstrap replicates
-- metric Too few conversions: fewer attributed conversions in the month under the report's model than min_conversions (report.json, default 20); the interval is shown, the verdict is not to be leaned on
-- test unique: month, grain, key
-- test not_null: month, grain, key, models
with intervals as (
    select * from int_roi_intervals
),

campaigns_roi as (
    select * from campaign_roi
),

settings as (
    select * from stg_report__settings
),

per_key as (
    select
        intervals.month,
        intervals.grain,
        intervals.key,
        count(*) filter (where intervals.roi_above_zero_share is not null) as models,
        count(*) filter (where intervals.roi_above_zero_share >= settings.interval_level) as models_earning,
        count(*) filter (where intervals.roi_below_zero_share >= settings.interval_level) as models_losing,
        string_agg(intervals.model, ',' order by intervals.model) filter (where intervals.roi_above_zero_share >= settings.interval_level) as earning_models,
        string_agg(intervals.model, ',' order by intervals.model) filter (where intervals.roi_below_zero_share >= settings.interval_level) as losing_models,
        any_value(intervals.roi_above_zero_share) filter (where intervals.model = settings.attribution_model) as roi_above_zero_share,
        any_value(intervals.roi_below_zero_share) filter (where intervals.model = settings.attribution_model) as roi_below_zero_share,
    from intervals
    cross join settings
    where intervals.grain in ('campaign', 'channel')
        -- unmapped spend and unattributed orders are neither campaigns nor channels
        and intervals.key not in ('unattributed', 'unmapped')
    group by all
),

selected_conversions as (
    select 'campaign' as grain, month, campaign as key, conversions
    from campaigns_roi cross join settings
    where campaigns_roi.model = settings.attribution_model
    union all
    -- a channel's conversions as channel_roi sums them, from its campaigns (read here rather
    -- than from channel_roi, which stays a leaf that `npm run dev` re-runs alone)
    select 'channel' as grain, month, channel as key, sum(conversions) as conversions
    from campaigns_roi cross join settings
    where campaigns_roi.model = settings.attribution_model
    group by all
),

final as (
    select
        per_key.month,
        per_key.grain,
        per_key.key,
        case
            when per_key.models = 0 then null
            when per_key.models_earning = per_key.models then 'earns'
            when per_key.models_losing = per_key.models then 'loses'
            when per_key.models_earning + per_key.models_losing > 0 then 'depends_on_model'
            else 'uncertain'
        end as verdict,
        per_key.models,
        per_key.models_earning,
        per_key.models_losing,
        per_key.earning_models,
        per_key.losing_models,
        per_key.roi_above_zero_share,
        per_key.roi_below_zero_share,
        coalesce(selected_conversions.conversions, 0) as conversions,
        coalesce(selected_conversions.conversions, 0) < settings.min_conversions as too_few_conversions,
    from per_key
    cross join settings
    left join selected_conversions using (month, grain, key)
    where per_key.models > 0
)

select * from final

-- One row per conversion and credited campaign: the campaign's share (0..1) of
-- the conversion under each model, a column per model, over the conversion's
-- path (after the path transform). Each model's shares of one conversion add up to 1.
--   last_touch      all to the last touch
--   first_touch     all to the first touch
--   linear          equal shares
--   position_based  40 % first, 40 % last, 20 % shared by the middle;
--                   one touch gets all, two get half each
--   time_decay      weight 2^(-days before the order / time_decay_half_life_days), normalised
--   data_driven     the path's shares from int_attribution_data_driven
-- A campaign on the path earns under some models and not others (0 there).
-- An order carrying a campaign's coupon code gives that campaign all credit
-- under every model (the code wins over touches). An order with no touch is
-- `unattributed`. A path of one campaign gives it all credit under every model.
-- `split` is true when the conversion is shared between campaigns
-- (int_attribution_conversion_credits rounds only those). Conversions are
-- named by order_key (int_orders_net), and the campaigns of touches also by
-- campaign_number (int_attribution_campaign_numbers): the weights are added
-- up and looked up by these integers, much faster at scale than by names.
-- Read only by int_attribution_conversion_credits, which computes it faster than
-- DuckDB stores and reads it back:
-- materialized: view
-- metric last_touch: all credit to the last touch in the lookback window
-- metric first_touch: all credit to the first touch in the lookback window
-- metric linear: equal shares for every touch
-- metric position_based: 40 % first, 40 % last, 20 % shared by the touches between; one touch gets all, two get half each
-- metric time_decay: weight 2^(-days before the order / half-life), normalised
-- metric data_driven: Fractribution-style counterfactual Shapley over paths, non-converting paths included
with conversions as (
    select * from int_orders_net
    where is_conversion
),

path_touches as (
    select * from int_attribution_paths
),

data_driven as (
    select * from int_attribution_data_driven
),

campaign_numbers as (
    select * from int_attribution_campaign_numbers
),

settings as (
    select * from stg_report__settings
),

-- the touches of conversions without a coupon code (a code gives its campaign everything)
eligible_touches as (
    select path_touches.*
    from path_touches
    where path_touches.order_key not in (select order_key from conversions where coupon_campaign is not null)
),

-- a conversion reached by one touch needs no weighing: its campaign earns everything
single_touches as (
    select * from eligible_touches
    where path_length = 1
),

touches as (
    select * from eligible_touches
    where path_length > 1
),

touch_weights as (
    select
        touches.order_key,
        touches.campaign_number,
        case when position = path_length then 1.0 else 0.0 end as last_touch,
        case when position = 1 then 1.0 else 0.0 end as first_touch,
        1.0 / path_length as linear,
        case
            when path_length = 2 then 0.5
            when position = 1 or position = path_length then 0.4
            else 0.2 / (path_length - 2)
        end as position_based,
        -- measured from the conversion's latest touch (weight 1), which leaves the normalised
        -- shares as they are and keeps the weights well inside DECIMAL's range
        pow(2.0, -(touches.days_before_end - min(touches.days_before_end) over (partition by touches.order_key))
            / settings.time_decay_half_life_days) as time_decay_weight,
    from touches
    cross join settings
),

-- one row per conversion and campaign of its path: the campaign's touches' weights
-- added up, in DECIMAL so that the sums do not depend on the order in which DuckDB's
-- threads meet the rows (floating-point addition does, in the last bit)
campaign_weights as (
    select
        order_key,
        campaign_number,
        max(last_touch) as last_touch,
        max(first_touch) as first_touch,
        sum(cast(linear as decimal(18, 15))) as linear,
        sum(cast(position_based as decimal(18, 15))) as position_based,
        sum(cast(time_decay_weight as decimal(18, 15))) as time_decay_weight,
    from touch_weights
    group by order_key, campaign_number
),

conversion_paths as (
    select
        order_key,
        -- the campaign numbers in position order (as in int_attribution_path_summary)
        list_transform(list_sort(list({'position': position, 'number': campaign_number})), touch -> touch.number) as path_numbers,
    from touches
    group by order_key
),

path_shares as (
    select conversion_paths.order_key, data_driven.campaign_number, data_driven.share as data_driven,
    from conversion_paths
    -- the fit of the conversion's month
    inner join conversions on conversions.order_key = conversion_paths.order_key
    inner join data_driven
        on data_driven.order_month = conversions.order_month
        and data_driven.path_numbers = conversion_paths.path_numbers
),

path_campaigns as (
    select
        campaign_weights.*,
        path_shares.data_driven,
        count(*) over conversion as path_campaigns,
        sum(campaign_weights.time_decay_weight) over conversion as time_decay_total,
    from campaign_weights
    left join path_shares using (order_key, campaign_number)
    window conversion as (partition by campaign_weights.order_key)
),

touch_shares as (
    select
        path_campaigns.order_key,
        campaign_numbers.campaign,
        path_campaigns.campaign_number,
        'touch' as credited_by,
        path_campaigns > 1 as split,
        last_touch,
        first_touch,
        case when path_campaigns = 1 then 1.0 else cast(linear as double) end as linear,
        case when path_campaigns = 1 then 1.0 else cast(position_based as double) end as position_based,
        case when path_campaigns = 1 then 1.0 else cast(time_decay_weight / time_decay_total as double) end as time_decay,
        case when path_campaigns = 1 then 1.0 else coalesce(data_driven, 0.0) end as data_driven,
    from path_campaigns
    inner join campaign_numbers
        on campaign_numbers.number = path_campaigns.campaign_number
),

-- conversions that go whole to one campaign under every model: reached by one touch,
-- carrying a coupon code, or with no touch at all (unattributed)
whole_conversions as (
    select order_key, campaign, 'touch' as credited_by
    from single_touches
    union all
    select
        conversions.order_key,
        coalesce(conversions.coupon_campaign, 'unattributed') as campaign,
        case when conversions.coupon_campaign is not null then 'coupon' else 'none' end as credited_by,
    from conversions
    where conversions.coupon_campaign is not null
        or conversions.order_key not in (
            select order_key from conversion_paths
            union all
            select order_key from single_touches
        )
),

whole_shares as (
    select
        order_key,
        campaign,
        -- not needed: a whole conversion is not split, so never ranked
        cast(null as bigint) as campaign_number,
        credited_by,
        false as split,
        1.0 as last_touch,
        1.0 as first_touch,
        1.0 as linear,
        1.0 as position_based,
        1.0 as time_decay,
        1.0 as data_driven,
    from whole_conversions
),

final as (
    select * from touch_shares
    union all
    select * from whole_shares
)

select * from final

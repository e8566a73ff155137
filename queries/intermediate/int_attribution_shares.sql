-- One row per conversion, model and campaign: the campaign's share (0..1) of
-- the conversion under each model, over the conversion's path (after the path
-- transform). Shares of one conversion and model add up to 1.
--   last_touch      all to the last touch
--   first_touch     all to the first touch
--   linear          equal shares
--   position_based  40 % first, 40 % last, 20 % shared by the middle;
--                   one touch gets all, two get half each
--   time_decay      weight 2^(-days before the order / time_decay_half_life_days), normalised
--   data_driven     the path's shares from int_attribution_data_driven
-- An order carrying a campaign's coupon code gives that campaign all credit
-- under every model (the code wins over touches). An order with no touch is
-- `unattributed`.
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
    where kind = 'conversion'
),

data_driven as (
    select * from int_attribution_data_driven
),

settings as (
    select * from stg_report__settings
),

models as (
    select unnest(['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay', 'data_driven']) as model
),

touch_weights as (
    select
        path_touches.path_id as order_id,
        path_touches.campaign,
        case when position = path_length then 1.0 else 0.0 end as last_touch,
        case when position = 1 then 1.0 else 0.0 end as first_touch,
        1.0 / path_length as linear,
        case
            when path_length = 1 then 1.0
            when path_length = 2 then 0.5
            when position = 1 or position = path_length then 0.4
            else 0.2 / (path_length - 2)
        end as position_based,
        pow(2.0, -path_touches.days_before_end / settings.time_decay_half_life_days) as time_decay_weight,
    from path_touches
    cross join settings
),

rule_based as (
    unpivot (
        select
            order_id,
            campaign,
            last_touch,
            first_touch,
            linear,
            position_based,
            time_decay_weight / sum(time_decay_weight) over (partition by order_id) as time_decay,
        from touch_weights
    )
    on last_touch, first_touch, linear, position_based, time_decay
    into name model value share
),

conversion_paths as (
    select
        path_id as order_id,
        -- the campaigns in position order (as in int_attribution_path_summary)
        list_transform(list_sort(list({'position': position, 'campaign': campaign})), touch -> touch.campaign) as path,
    from path_touches
    group by path_id
),

path_based as (
    select
        conversion_paths.order_id,
        data_driven.campaign,
        'data_driven' as model,
        data_driven.share,
    from conversion_paths
    inner join data_driven using (path)
),

touch_shares as (
    select order_id, campaign, model, sum(share) as share
    from (
        select order_id, campaign, model, share from rule_based
        union all
        select order_id, campaign, model, share from path_based
    )
    where share > 0
    group by order_id, campaign, model
),

whole_orders as (
    select
        conversions.order_id,
        models.model,
        coalesce(conversions.coupon_campaign, 'unattributed') as campaign,
        1.0 as share,
        case when conversions.coupon_campaign is not null then 'coupon' else 'none' end as credited_by,
    from conversions
    cross join models
    where conversions.coupon_campaign is not null
        or conversions.order_id not in (select path_id from path_touches)
),

final as (
    select order_id, model, campaign, share, credited_by from whole_orders
    union all
    select touch_shares.order_id, touch_shares.model, touch_shares.campaign, touch_shares.share, 'touch' as credited_by
    from touch_shares
    where touch_shares.order_id not in (select order_id from whole_orders)
)

select * from final

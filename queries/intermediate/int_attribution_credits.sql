-- One row per conversion, model and credited campaign: the revenue (in cents
-- that add up to the order's net revenue exactly) and the share of the
-- conversion (in millionths that add up to 1) the campaign earns under the
-- model. A campaign appears under the models that give it a share.
-- The numbers are int_attribution_conversion_credits', a row per model; the
-- marts read them here. Computed each time it is read, which at scale is faster
-- than storing the long form:
-- materialized: view
with conversion_credits as not materialized (
    -- read once per model: DuckDB would copy a plain CTE read six times (8 M rows at
    -- scale) before reading it, which costs more than scanning the table six times
    select * from int_attribution_conversion_credits
),

by_model as (
    select order_id, order_key, order_month, 'last_touch' as model, campaign, credited_by,
        cast(last_touch as double) as share, last_touch_micros as micros, last_touch_cents as cents,
    from conversion_credits
    union all
    select order_id, order_key, order_month, 'first_touch' as model, campaign, credited_by,
        cast(first_touch as double) as share, first_touch_micros as micros, first_touch_cents as cents,
    from conversion_credits
    union all
    select order_id, order_key, order_month, 'linear' as model, campaign, credited_by,
        cast(linear as double) as share, linear_micros as micros, linear_cents as cents,
    from conversion_credits
    union all
    select order_id, order_key, order_month, 'position_based' as model, campaign, credited_by,
        cast(position_based as double) as share, position_based_micros as micros, position_based_cents as cents,
    from conversion_credits
    union all
    select order_id, order_key, order_month, 'time_decay' as model, campaign, credited_by,
        cast(time_decay as double) as share, time_decay_micros as micros, time_decay_cents as cents,
    from conversion_credits
    union all
    select order_id, order_key, order_month, 'data_driven' as model, campaign, credited_by,
        cast(data_driven as double) as share, data_driven_micros as micros, data_driven_cents as cents,
    from conversion_credits
),

final as (
    select
        order_id,
        order_key,
        order_month,
        model,
        campaign,
        credited_by,
        share,
        cast(micros as decimal(18, 0)) * 0.000001 as conversion_credit,
        cast(cents as decimal(18, 0)) * 0.01 as revenue_credit,
    from by_model
    where share > 0
)

select * from final

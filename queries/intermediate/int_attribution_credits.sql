-- One row per conversion, model and credited campaign: the revenue (in cents
-- that add up to the order's net revenue exactly) and the share of the
-- conversion (in millionths that add up to 1) the campaign earns under the
-- model. A campaign appears under the models that give it a share.
-- The numbers are int_attribution_conversion_credits', in the report's units
-- (revenue in the report currency, conversions as fractions); the marts read
-- them here. Computed each time it is read, which at scale is faster than
-- storing it again:
-- materialized: view
with conversion_credits as (
    select * from int_attribution_conversion_credits
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
    from conversion_credits
)

select * from final

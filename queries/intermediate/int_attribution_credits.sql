-- One row per conversion, model and credited campaign: the revenue (in cents
-- that add up to the order's net revenue exactly) and the share of the
-- conversion (in millionths that add up to 1) the campaign earns.
-- Largest remainder: each campaign gets the floor of its exact share, and the
-- units left go one each to the largest fractional parts (ties: campaign key).
-- Exact means to a millionth of the unit, in DECIMAL: shares such as 0.4 or
-- 0.2 / 3 are not exact in binary, and their last bits, not the campaign key,
-- would otherwise break a tie such as five fractions of .6 cent.
-- A conversion that is not split between campaigns goes whole to its campaign.
with shares as (
    select * from int_attribution_shares
),

conversions as (
    select * from int_orders_net
    where is_conversion
),

exact as (
    select
        shares.order_id,
        conversions.order_month,
        shares.model,
        shares.campaign,
        shares.credited_by,
        shares.share,
        shares.split,
        cast(round(conversions.net_revenue * 100) as bigint) as order_cents,
        cast(shares.share * order_cents as decimal(18, 6)) as exact_cents,
        cast(shares.share * 1000000 as decimal(18, 6)) as exact_micros,
    from shares
    inner join conversions using (order_id)
),

split_floored as (
    select
        * exclude (split, exact_cents, exact_micros),
        cast(floor(exact_cents) as bigint) as floor_cents,
        order_cents - sum(cast(floor(exact_cents) as bigint)) over (partition by order_id, model) as cents_left,
        row_number() over (partition by order_id, model order by exact_cents - floor(exact_cents) desc, campaign) as cents_rank,
        cast(floor(exact_micros) as bigint) as floor_micros,
        1000000 - sum(cast(floor(exact_micros) as bigint)) over (partition by order_id, model) as micros_left,
        row_number() over (partition by order_id, model order by exact_micros - floor(exact_micros) desc, campaign) as micros_rank,
    from exact
    where split
),

whole as (
    select
        * exclude (split, exact_cents, exact_micros),
        order_cents as floor_cents,
        0 as cents_left,
        1 as cents_rank,
        1000000 as floor_micros,
        0 as micros_left,
        1 as micros_rank,
    from exact
    where not split
),

floored as (
    select * from split_floored
    union all by name
    select * from whole
),

final as (
    select
        order_id,
        order_month,
        model,
        campaign,
        credited_by,
        share,
        cast(floor_micros + case when micros_rank <= micros_left then 1 else 0 end as decimal(18, 0)) * 0.000001 as conversion_credit,
        cast(floor_cents + case when cents_rank <= cents_left then 1 else 0 end as decimal(18, 0)) * 0.01 as revenue_credit,
    from floored
)

select * from final

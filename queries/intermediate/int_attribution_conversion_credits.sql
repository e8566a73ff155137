-- One row per conversion, attribution model and credited campaign: the revenue
-- the campaign earns under the model in cents that add up to the order's net
-- revenue exactly (cents), and its share of the conversion in millionths that
-- add up to 1 (micros). int_attribution_credits shows the same numbers in the
-- report's units, as the marts read them.
-- Largest remainder, the same for every model and both units: each campaign
-- gets the floor of its exact share of the units, and the units left go one
-- each to the largest fractional parts (ties: campaign key, compared as
-- campaign_number, which sorts as the key does). Worked example, 39.39 under
-- position-based 0.4 / 0.2 / 0.4 over five campaigns a..e: exact cents 1575.6,
-- 262.6, 262.6, 262.6, 1575.6; floors 1575 + 262 + 262 + 262 + 1575 = 3936, three
-- cents left; five fractions of .6 tie, so a, b and c get one each:
-- 1576, 263, 263, 262, 1575.
-- Exact means to a millionth of the unit, in DECIMAL: shares such as 0.4 or
-- 0.2 / 3 are not exact in binary, and their last bits, not the campaign key,
-- would otherwise break a tie such as five fractions of .6 cent.
-- A conversion that a model does not split between campaigns goes whole to
-- its campaign (last and first touch never split one).
-- Millions of rows at scale, read by every attribution mart: held for the run, not stored:
-- materialized: temporary
with shares as (
    select * from int_attribution_shares
),

conversions as (
    select * from int_orders_net
    where is_conversion
),

credited as (
    select
        shares.*,
        conversions.order_id,
        conversions.order_month,
        cast(round(conversions.net_revenue * 100) as bigint) as order_cents,
    from shares
    inner join conversions using (order_key)
),

-- all of the conversion, in both units
whole as (
    select
        order_id,
        order_key,
        order_month,
        model,
        campaign,
        credited_by,
        share,
        1000000 as micros,
        order_cents as cents,
    from credited
    where not split
),

-- each campaign of a split conversion once per unit, with the units to hand out
split_units as (
    select
        credited.*,
        units.unit,
        case units.unit when 'cents' then credited.order_cents else 1000000 end as total_units,
    from credited
    cross join (values ('cents'), ('micros')) as units(unit)
    where credited.split
),

split_exact as (
    select
        *,
        cast(share * total_units as decimal(18, 6)) as exact_units,
    from split_units
),

split_floored as (
    select
        *,
        cast(floor(exact_units) as bigint) as floor_units,
        exact_units - floor(exact_units) as fraction,
    from split_exact
),

-- the largest remainder: the units the floors leave go one each to the campaigns in
-- order of their fractional parts (largest first, then campaign key). The floors are
-- added up as DOUBLE, which is exact (whole numbers below 2^53 add up without rounding,
-- in any order) and faster: DuckDB adds BIGINTs in 128 bits.
split_rounded as (
    select
        *,
        floor_units
            + case
                when row_number() over remainder_order
                    <= total_units - cast(sum(cast(floor_units as double)) over conversion_unit as bigint)
                then 1 else 0
            end as units,
    from split_floored
    window
        conversion_unit as (partition by order_key, model, unit),
        remainder_order as (partition by order_key, model, unit order by fraction desc, campaign_number)
),

-- back to one row per conversion, model and campaign, with both units
split as (
    select
        any_value(order_id) as order_id,
        order_key,
        any_value(order_month) as order_month,
        model,
        any_value(campaign) as campaign,
        any_value(credited_by) as credited_by,
        any_value(share) as share,
        any_value(units) filter (where unit = 'micros') as micros,
        any_value(units) filter (where unit = 'cents') as cents,
    from split_rounded
    group by order_key, model, campaign_number
),

final as (
    select * from whole
    union all by name
    select * from split
)

select * from final

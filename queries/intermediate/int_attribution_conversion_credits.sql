-- One row per conversion and credited campaign, with what the campaign earns
-- under each model side by side: revenue in cents that add up to the order's
-- net revenue exactly (<model>_cents) and the share of the conversion in
-- millionths that add up to 1 (<model>_micros). int_attribution_credits shows
-- the same numbers one row per model, as the marts read them.
-- Largest remainder: each campaign gets the floor of its exact share, and the
-- units left go one each to the largest fractional parts (ties: campaign key,
-- compared as campaign_number, which sorts as the key does).
-- Exact means to a millionth of the unit, in DECIMAL: shares such as 0.4 or
-- 0.2 / 3 are not exact in binary, and their last bits, not the campaign key,
-- would otherwise break a tie such as five fractions of .6 cent.
-- A conversion that is not split between campaigns goes whole to its campaign;
-- last and first touch never split one.
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

whole as (
    select
        order_id,
        order_key,
        order_month,
        campaign,
        credited_by,
        last_touch,
        first_touch,
        linear,
        position_based,
        time_decay,
        data_driven,
        -- all of it under every model
        1000000 as last_touch_micros,
        order_cents as last_touch_cents,
        1000000 as first_touch_micros,
        order_cents as first_touch_cents,
        1000000 as linear_micros,
        order_cents as linear_cents,
        1000000 as position_based_micros,
        order_cents as position_based_cents,
        1000000 as time_decay_micros,
        order_cents as time_decay_cents,
        1000000 as data_driven_micros,
        order_cents as data_driven_cents,
    from credited
    where not split
),

-- the split conversions' exact units per model, their floors and fractional parts
split_exact as (
    select
        *,
        cast(linear * order_cents as decimal(18, 6)) as linear_exact_cents,
        cast(linear * 1000000 as decimal(18, 6)) as linear_exact_micros,
        cast(position_based * order_cents as decimal(18, 6)) as position_based_exact_cents,
        cast(position_based * 1000000 as decimal(18, 6)) as position_based_exact_micros,
        cast(time_decay * order_cents as decimal(18, 6)) as time_decay_exact_cents,
        cast(time_decay * 1000000 as decimal(18, 6)) as time_decay_exact_micros,
        cast(data_driven * order_cents as decimal(18, 6)) as data_driven_exact_cents,
        cast(data_driven * 1000000 as decimal(18, 6)) as data_driven_exact_micros,
    from credited
    where split
),

split_floored as (
    select
        *,
        cast(floor(linear_exact_cents) as bigint) as linear_floor_cents,
        linear_exact_cents - floor(linear_exact_cents) as linear_fraction_cents,
        cast(floor(linear_exact_micros) as bigint) as linear_floor_micros,
        linear_exact_micros - floor(linear_exact_micros) as linear_fraction_micros,
        cast(floor(position_based_exact_cents) as bigint) as position_based_floor_cents,
        position_based_exact_cents - floor(position_based_exact_cents) as position_based_fraction_cents,
        cast(floor(position_based_exact_micros) as bigint) as position_based_floor_micros,
        position_based_exact_micros - floor(position_based_exact_micros) as position_based_fraction_micros,
        cast(floor(time_decay_exact_cents) as bigint) as time_decay_floor_cents,
        time_decay_exact_cents - floor(time_decay_exact_cents) as time_decay_fraction_cents,
        cast(floor(time_decay_exact_micros) as bigint) as time_decay_floor_micros,
        time_decay_exact_micros - floor(time_decay_exact_micros) as time_decay_fraction_micros,
        cast(floor(data_driven_exact_cents) as bigint) as data_driven_floor_cents,
        data_driven_exact_cents - floor(data_driven_exact_cents) as data_driven_fraction_cents,
        cast(floor(data_driven_exact_micros) as bigint) as data_driven_floor_micros,
        data_driven_exact_micros - floor(data_driven_exact_micros) as data_driven_fraction_micros,
    from split_exact
),

-- each split conversion's floors added up, per model and unit. As DOUBLE, which is exact
-- (whole numbers below 2^53 add up without rounding, in any order) and faster: DuckDB
-- adds BIGINTs in 128 bits.
order_floors as (
    select
        order_key,
        cast(sum(cast(linear_floor_cents as double)) as bigint) as linear_floors_cents,
        cast(sum(cast(linear_floor_micros as double)) as bigint) as linear_floors_micros,
        cast(sum(cast(position_based_floor_cents as double)) as bigint) as position_based_floors_cents,
        cast(sum(cast(position_based_floor_micros as double)) as bigint) as position_based_floors_micros,
        cast(sum(cast(time_decay_floor_cents as double)) as bigint) as time_decay_floors_cents,
        cast(sum(cast(time_decay_floor_micros as double)) as bigint) as time_decay_floors_micros,
        cast(sum(cast(data_driven_floor_cents as double)) as bigint) as data_driven_floors_cents,
        cast(sum(cast(data_driven_floor_micros as double)) as bigint) as data_driven_floors_micros,
    from split_floored
    group by order_key
),

-- each campaign of a split conversion against every campaign of it (itself included):
-- how many campaigns come before this one in largest-remainder order (larger fractional
-- part, then campaign key); one join and one aggregate instead of a sorted window per
-- model and unit.
ranked as (
    select
        campaign_row.order_key,
        campaign_row.campaign_number,
        count_if(other.linear_fraction_cents > campaign_row.linear_fraction_cents
            or (other.linear_fraction_cents = campaign_row.linear_fraction_cents and other.campaign_number < campaign_row.campaign_number)) as linear_ahead_cents,
        count_if(other.linear_fraction_micros > campaign_row.linear_fraction_micros
            or (other.linear_fraction_micros = campaign_row.linear_fraction_micros and other.campaign_number < campaign_row.campaign_number)) as linear_ahead_micros,
        count_if(other.position_based_fraction_cents > campaign_row.position_based_fraction_cents
            or (other.position_based_fraction_cents = campaign_row.position_based_fraction_cents and other.campaign_number < campaign_row.campaign_number)) as position_based_ahead_cents,
        count_if(other.position_based_fraction_micros > campaign_row.position_based_fraction_micros
            or (other.position_based_fraction_micros = campaign_row.position_based_fraction_micros and other.campaign_number < campaign_row.campaign_number)) as position_based_ahead_micros,
        count_if(other.time_decay_fraction_cents > campaign_row.time_decay_fraction_cents
            or (other.time_decay_fraction_cents = campaign_row.time_decay_fraction_cents and other.campaign_number < campaign_row.campaign_number)) as time_decay_ahead_cents,
        count_if(other.time_decay_fraction_micros > campaign_row.time_decay_fraction_micros
            or (other.time_decay_fraction_micros = campaign_row.time_decay_fraction_micros and other.campaign_number < campaign_row.campaign_number)) as time_decay_ahead_micros,
        count_if(other.data_driven_fraction_cents > campaign_row.data_driven_fraction_cents
            or (other.data_driven_fraction_cents = campaign_row.data_driven_fraction_cents and other.campaign_number < campaign_row.campaign_number)) as data_driven_ahead_cents,
        count_if(other.data_driven_fraction_micros > campaign_row.data_driven_fraction_micros
            or (other.data_driven_fraction_micros = campaign_row.data_driven_fraction_micros and other.campaign_number < campaign_row.campaign_number)) as data_driven_ahead_micros,
    from split_floored as campaign_row
    inner join split_floored as other using (order_key)
    group by campaign_row.order_key, campaign_row.campaign_number
),

split_rounded as (
    select
        split_floored.order_id,
        split_floored.order_key,
        split_floored.order_month,
        split_floored.campaign,
        split_floored.credited_by,
        split_floored.last_touch,
        split_floored.first_touch,
        split_floored.linear,
        split_floored.position_based,
        split_floored.time_decay,
        split_floored.data_driven,
        -- last and first touch give a campaign all (1) or nothing (0): multiplied as BIGINT,
        -- as a DECIMAL share times the cents would be multiplied in 128 bits
        cast(split_floored.last_touch as bigint) * 1000000 as last_touch_micros,
        cast(split_floored.last_touch as bigint) * split_floored.order_cents as last_touch_cents,
        cast(split_floored.first_touch as bigint) * 1000000 as first_touch_micros,
        cast(split_floored.first_touch as bigint) * split_floored.order_cents as first_touch_cents,
        split_floored.linear_floor_micros
            + case when ranked.linear_ahead_micros < 1000000 - order_floors.linear_floors_micros then 1 else 0 end as linear_micros,
        split_floored.linear_floor_cents
            + case when ranked.linear_ahead_cents < split_floored.order_cents - order_floors.linear_floors_cents then 1 else 0 end as linear_cents,
        split_floored.position_based_floor_micros
            + case when ranked.position_based_ahead_micros < 1000000 - order_floors.position_based_floors_micros then 1 else 0 end as position_based_micros,
        split_floored.position_based_floor_cents
            + case when ranked.position_based_ahead_cents < split_floored.order_cents - order_floors.position_based_floors_cents then 1 else 0 end as position_based_cents,
        split_floored.time_decay_floor_micros
            + case when ranked.time_decay_ahead_micros < 1000000 - order_floors.time_decay_floors_micros then 1 else 0 end as time_decay_micros,
        split_floored.time_decay_floor_cents
            + case when ranked.time_decay_ahead_cents < split_floored.order_cents - order_floors.time_decay_floors_cents then 1 else 0 end as time_decay_cents,
        split_floored.data_driven_floor_micros
            + case when ranked.data_driven_ahead_micros < 1000000 - order_floors.data_driven_floors_micros then 1 else 0 end as data_driven_micros,
        split_floored.data_driven_floor_cents
            + case when ranked.data_driven_ahead_cents < split_floored.order_cents - order_floors.data_driven_floors_cents then 1 else 0 end as data_driven_cents,
    from split_floored
    inner join ranked using (order_key, campaign_number)
    inner join order_floors using (order_key)
),

final as (
    select * from whole
    union all by name
    select * from split_rounded
)

select * from final

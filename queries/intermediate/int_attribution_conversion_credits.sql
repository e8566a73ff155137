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
-- its campaign (last and first touch never split one), share 1.
--
-- Mechanics: both units are rounded side by side in one row (a column pair
-- per step) rather than as rows of their own, which would need pivoting back.
-- The rank of a campaign in largest-remainder order is counted by joining each
-- split conversion's campaigns with each other (one join and one aggregate),
-- which DuckDB runs faster than a sorted window per conversion, model and unit.
-- The rows being rounded carry numbers and the campaign only; the order's id and month
-- are joined at the end. DuckDB keeps the floored rows (read three times) for the
-- statement: at scale 100, 41 million of them, and with the two order columns reading
-- them back took 22 of the file's 55 s (0.1 of 9 s at scale 30); without them the file
-- takes 47 s there, the same at scale 30 (docs/performance.md).
-- Millions of rows at scale, read by every attribution mart; kept in the warehouse, so
-- that the next run computes only the months whose orders, paths or data-driven
-- shares changed (pipeline/incremental-transform.ts):
-- materialized: table
with shares as (
    select * from int_attribution_shares
),

conversions as (
    select * from int_orders_net
    where is_conversion
),

-- each campaign's exact units (cents of the order's net revenue, millionths of the
-- conversion), their floors and fractional parts
exact as (
    select
        shares.order_key,
        shares.model,
        shares.campaign,
        shares.campaign_number,
        shares.credited_by,
        shares.share,
        cast(round(conversions.net_revenue * 100) as bigint) as order_cents,
        cast(shares.share * cast(round(conversions.net_revenue * 100) as bigint) as decimal(18, 6)) as exact_cents,
        cast(shares.share * 1000000 as decimal(18, 6)) as exact_micros,
    from shares
    inner join conversions using (order_key)
),

-- only what the rounding and the output need: this step is read three times below, so
-- DuckDB keeps it, and every column kept costs memory at scale
floored as (
    select
        order_key,
        model,
        campaign,
        campaign_number,
        credited_by,
        share,
        order_cents,
        cast(floor(exact_cents) as bigint) as floor_cents,
        exact_cents - floor(exact_cents) as fraction_cents,
        cast(floor(exact_micros) as bigint) as floor_micros,
        exact_micros - floor(exact_micros) as fraction_micros,
    from exact
),

-- per conversion and model: how many campaigns share it, and the units their floors
-- leave over. The floors are added up as DOUBLE, which is exact (whole numbers below
-- 2^53 add up without rounding, in any order) and faster: DuckDB adds BIGINTs in 128 bits.
conversion_floors as (
    select
        order_key,
        model,
        count(*) as campaigns,
        any_value(order_cents) - cast(sum(cast(floor_cents as double)) as bigint) as left_cents,
        1000000 - cast(sum(cast(floor_micros as double)) as bigint) as left_micros,
    from floored
    group by order_key, model
),

split as (
    select floored.*, conversion_floors.left_cents, conversion_floors.left_micros,
    from floored
    inner join conversion_floors using (order_key, model)
    where conversion_floors.campaigns > 1
),

-- each campaign of a split conversion against every campaign of it (itself included):
-- how many come before it in largest-remainder order (larger fractional part, then
-- campaign key)
ranked as (
    select
        campaign_row.order_key,
        campaign_row.model,
        campaign_row.campaign_number,
        count_if(other.fraction_cents > campaign_row.fraction_cents
            or (other.fraction_cents = campaign_row.fraction_cents and other.campaign_number < campaign_row.campaign_number)) as ahead_cents,
        count_if(other.fraction_micros > campaign_row.fraction_micros
            or (other.fraction_micros = campaign_row.fraction_micros and other.campaign_number < campaign_row.campaign_number)) as ahead_micros,
    from split as campaign_row
    inner join split as other using (order_key, model)
    group by campaign_row.order_key, campaign_row.model, campaign_row.campaign_number
),

-- the units left go one each to the campaigns ranked first
split_rounded as (
    select
        split.order_key,
        split.model,
        split.campaign,
        split.credited_by,
        split.share,
        split.floor_micros + case when ranked.ahead_micros < split.left_micros then 1 else 0 end as micros,
        split.floor_cents + case when ranked.ahead_cents < split.left_cents then 1 else 0 end as cents,
    from split
    inner join ranked using (order_key, model, campaign_number)
),

-- all of the conversion, in both units
whole as (
    select
        floored.order_key,
        floored.model,
        floored.campaign,
        floored.credited_by,
        1.0 as share,
        1000000 as micros,
        floored.order_cents as cents,
    from floored
    inner join conversion_floors using (order_key, model)
    where conversion_floors.campaigns = 1
),

rounded as (
    select * from whole
    union all by name
    select * from split_rounded
),

-- the order's id and month, joined once to the rounded rows rather than carried through the rounding
final as (
    select
        conversions.order_id,
        rounded.order_key,
        conversions.order_month,
        rounded.model,
        rounded.campaign,
        rounded.credited_by,
        rounded.share,
        rounded.micros,
        rounded.cents,
    from rounded
    inner join conversions using (order_key)
)

select * from final

-- One row per month (order_month, 'YYYY-MM'), converting path and campaign: the
-- campaign's share of that path's conversions ordered in that month, under the
-- data-driven model fitted for the month (Fractribution's simplified Shapley,
-- reference/fractribution/README.md), from that month's path summary only
-- (int_attribution_path_summary: the journeys as they stood at the month's end):
--   a path of one touch gives all credit to its campaign;
--   otherwise position i earns m_i = max(P(path) - P(path without position i), 0),
--   where P is the month's, P of a path absent from the month's summary is 0 and the
--   shortened path is looked up as it is (no transform re-applied); the m_i are
--   normalised to sum to 1, and when all are 0 the last position earns everything;
--   shares of the same campaign within a path add up.
-- A conversion of month M takes M's shares, so adding later months never changes them.
-- Example: in M's summary P(a > b) = 1, P(b) = 1/4, P(a) = 1/2: a earns 1 - 1/4 = 0.75,
-- b earns 1 - 1/2 = 0.5, normalised 0.6 and 0.4.
-- The path and the campaign are numbers, as int_attribution_campaign_numbers
-- (path_numbers, campaign_number), by which the shares look them up;
-- int_attribution_path_summary has the same path_numbers with the names (path,
-- path_text). Carrying names through the aggregates would cost seconds at scale.
-- Millions of rows at scale, read by the shares: held for the run, not stored:
-- materialized: temporary
with summary as (
    select * from int_attribution_path_summary
),

-- the paths of the month's own conversions: only they take the month's shares
converting as (
    select order_month, path_numbers, path_length, conversion_probability
    from summary
    where conversions_in_month > 0
),

-- paths are looked up by their campaign numbers (int_attribution_campaign_numbers),
-- which DuckDB hashes and compares much faster than lists of names
positions as (
    select
        converting.order_month,
        converting.path_numbers,
        converting.path_length,
        converting.conversion_probability,
        position,
        converting.path_numbers[position] as campaign_number,
        list_concat(
            list_slice(converting.path_numbers, 1, position - 1),
            list_slice(converting.path_numbers, position + 1, converting.path_length)
        ) as shortened,
    from converting
    cross join unnest(generate_series(1, converting.path_length)) as positions(position)
),

marginal as (
    select
        positions.*,
        greatest(positions.conversion_probability - coalesce(shortened_summary.conversion_probability, 0), 0) as marginal,
    from positions
    left join summary as shortened_summary
        on shortened_summary.order_month = positions.order_month
        and shortened_summary.path_numbers = positions.shortened
),

-- Sums are taken in DECIMAL, whose addition does not depend on the order in
-- which DuckDB's threads meet the rows (floating-point addition does, in the
-- last bit, and that bit can decide a cent in int_attribution_credits).
path_totals as (
    select order_month, path_numbers, sum(cast(marginal as decimal(18, 15))) as total_marginal
    from marginal
    group by order_month, path_numbers
),

normalised as (
    select
        marginal.order_month,
        marginal.path_numbers,
        marginal.campaign_number,
        case
            when marginal.path_length = 1 then 1.0
            when path_totals.total_marginal = 0 then case when marginal.position = marginal.path_length then 1.0 else 0.0 end
            else cast(marginal.marginal as decimal(18, 15)) / path_totals.total_marginal
        end as share,
    from marginal
    inner join path_totals using (order_month, path_numbers)
),

final as (
    select
        order_month,
        path_numbers,
        campaign_number,
        cast(sum(cast(share as decimal(18, 15))) as double) as share,
    from normalised
    group by order_month, path_numbers, campaign_number
)

select * from final

-- One row per converting path and campaign: the campaign's share of that
-- path's conversions under the data-driven model (Fractribution's simplified
-- Shapley, reference/fractribution/README.md):
--   a path of one touch gives all credit to its campaign;
--   otherwise position i earns m_i = max(P(path) - P(path without position i), 0),
--   where P of a path absent from the summary is 0 and the shortened path is
--   looked up as it is (no transform re-applied); the m_i are normalised to sum
--   to 1, and when all are 0 the last position earns everything;
--   shares of the same campaign within a path add up.
with summary as (
    select * from int_attribution_path_summary
),

converting as (
    select path, path_length, conversion_probability
    from summary
    where conversions > 0
),

positions as (
    select
        converting.path,
        converting.path_length,
        converting.conversion_probability,
        position,
        converting.path[position] as campaign,
        list_concat(list_slice(converting.path, 1, position - 1), list_slice(converting.path, position + 1, converting.path_length)) as shortened,
    from converting
    cross join unnest(generate_series(1, converting.path_length)) as positions(position)
),

marginal as (
    select
        positions.*,
        greatest(positions.conversion_probability - coalesce(shortened_summary.conversion_probability, 0), 0) as marginal,
    from positions
    left join summary as shortened_summary
        on shortened_summary.path = positions.shortened
),

normalised as (
    select
        path,
        campaign,
        case
            when path_length = 1 then 1.0
            when sum(marginal) over (partition by path) = 0 then case when position = path_length then 1.0 else 0.0 end
            else marginal / sum(marginal) over (partition by path)
        end as share,
    from marginal
),

final as (
    select path, campaign, sum(share) as share
    from normalised
    group by path, campaign
)

select * from final

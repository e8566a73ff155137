-- One row per non-converting path (path_numbers, as int_attribution_campaign_numbers)
-- and span of fit months (first_fit_month_number to last_fit_month_number, as
-- int_attribution_non_conversion_paths gives them): how many customers' paths of
-- int_attribution_non_conversion_paths took that path and count in exactly those fits.
-- Example: two customers whose path [3, 7] counts in the fits of 2026-01 .. 2026-03, and
-- one whose same path counts in the fit of 2026-02 only, make two rows: [3, 7] with the
-- span 2026-01 .. 2026-03 and 2 non-conversions, and [3, 7] with 2026-02 .. 2026-02 and 1.
-- int_attribution_path_summary spreads the counts over the fit months, for the paths its
-- fits look up.
-- Mechanics: this count is a step of its own, not a CTE of the summary, so that it runs
-- before the summary builds its set of looked-up paths: side by side in one statement the
-- two need more memory than either alone (at scale 100, 8.3 M counted paths: more than
-- 3 GB together, well within it one after the other; docs/performance.md).
-- Millions of rows at scale, read once by int_attribution_path_summary: held for the
-- run, not stored:
-- materialized: temporary
with non_conversion_paths as (
    select * from int_attribution_non_conversion_paths
),

final as (
    select
        path_numbers,
        first_fit_month_number,
        last_fit_month_number,
        count(*) as non_conversions,
    from non_conversion_paths
    group by all
)

select * from final

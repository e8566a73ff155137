-- One row per organic series day: (platform, account, metric, date) with the
-- value that counts. A series is one platform's one metric: Facebook's and
-- Instagram's "Content interactions" are two series (the platform is part of
-- the key), follows and visits of one page are two series (the metric is), and
-- two YouTube videos' views are two series (the item is).
-- The same series day in several files (exports whose days overlap) counts
-- once: the copy from the file whose data reach the later day wins, since it
-- was exported later and carries the platform's restated numbers; on a tie,
-- the file whose path sorts last (as for ad rows, int_ad_daily_deduplicated).
-- Copies with different numbers are listed in int_organic_daily_conflicts.
with metrics as (
    select * from stg_organic__daily_metrics
),

files as (
    select source_file, max(metric_date) as data_through
    from metrics
    group by source_file
),

ranked as (
    select
        metrics.*,
        files.data_through,
        row_number() over (
            partition by metrics.platform, metrics.account, metrics.item, metrics.metric, metrics.metric_date
            order by files.data_through desc, metrics.source_file desc, metrics.source_line desc
        ) as copy_rank,
    from metrics
    inner join files using (source_file)
),

final as (
    select
        platform,
        account,
        item,
        metric,
        metric_date,
        value,
        format,
        source_file,
        source_line,
        source_sheet,
    from ranked
    where copy_rank = 1
)

select * from final

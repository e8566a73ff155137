-- One row per organic series day (platform, account, metric, date) that
-- several files give with different values. Identical copies are not listed
-- (they count once, silently). `winning_file` is the copy
-- int_organic_daily_deduplicated uses: the file whose data reach the later
-- day, on a tie the path that sorts last. The lists are in the order of `files`.
with metrics as (
    select * from stg_organic__daily_metrics
),

files as (
    select source_file, max(metric_date) as data_through
    from metrics
    group by source_file
),

-- one copy per file: a file that repeats a day keeps its last line, as the
-- deduplication does
copies as (
    select
        source_file,
        platform,
        account,
        item,
        metric,
        metric_date,
        arg_max(value, source_line) as value,
    from metrics
    group by source_file, platform, account, item, metric, metric_date
),

repeated_keys as (
    select platform, account, item, metric, metric_date,
    from copies
    group by platform, account, item, metric, metric_date
    having count(*) > 1 and count(distinct value) > 1
),

ranked as (
    select
        copies.*,
        files.data_through,
        row_number() over (
            partition by platform, account, item, metric, metric_date
            order by files.data_through desc, copies.source_file desc
        ) as copy_rank,
    from copies
    inner join repeated_keys using (platform, account, item, metric, metric_date)
    inner join files using (source_file)
),

final as (
    select
        platform,
        account,
        item,
        metric,
        metric_date,
        list(source_file order by source_file) as files,
        max(case when copy_rank = 1 then source_file end) as winning_file,
        list(data_through order by source_file) as data_through_per_copy,
        list(value order by source_file) as value_per_copy,
        max(case when copy_rank = 1 then value end) as winning_value,
        count(*) as copies,
    from ranked
    group by platform, account, item, metric, metric_date
)

select * from final
order by metric_date, platform, account, item, metric

-- One row per (platform, account, date) of page followers: followers_gained
-- (new followers that day), from the LinkedIn page "New followers" sheet
-- (with its organic and sponsored split) and the Facebook page "Facebook
-- follows" daily series; followers_total when an export gives it. A day in
-- several exports counts once: the export whose data reach the later day
-- wins, on a tie the path that sorts last (as for ad rows).
with metrics as (
    select * from stg_organic__daily_metrics
    where metric in ('followers_gained', 'followers_organic', 'followers_sponsored', 'followers_total')
),

files as (
    select source_file, max(metric_date) as data_through
    from stg_organic__daily_metrics
    group by source_file
),

ranked as (
    select
        metrics.*,
        row_number() over (
            partition by metrics.platform, metrics.account, metrics.metric_date, metrics.metric
            order by files.data_through desc, metrics.source_file desc, metrics.source_line desc
        ) as copy_rank,
    from metrics
    inner join files using (source_file)
),

final as (
    select
        platform,
        account,
        metric_date as date,
        cast(max(case when metric = 'followers_gained' then value end) as bigint) as followers_gained,
        cast(max(case when metric = 'followers_organic' then value end) as bigint) as followers_organic,
        cast(max(case when metric = 'followers_sponsored' then value end) as bigint) as followers_sponsored,
        cast(max(case when metric = 'followers_total' then value end) as bigint) as followers_total,
        max(source_file) as source_file,
    from ranked
    where copy_rank = 1
    group by platform, account, metric_date
)

select * from final
order by platform, account, date

-- One row per (platform, account, date) of page followers: followers_gained
-- (new followers that day), from the LinkedIn page "New followers" sheet
-- (with its organic and sponsored split) and the Business Suite follows
-- series of the Facebook page and the Instagram account, each under its own
-- platform; followers_total when an export gives it. A day in several
-- exports counts once (int_organic_daily_deduplicated: the export whose data
-- reach the later day wins, on a tie the path that sorts last).
with series as (
    select * from int_organic_daily_deduplicated
),

metrics as (
    select * from series
    where metric in ('followers_gained', 'followers_organic', 'followers_sponsored', 'followers_total')
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
    from metrics
    group by platform, account, metric_date
)

select * from final
order by platform, account, date

-- Grain: one row per platform, account and calendar day from the first to the
-- last day of that account's daily rows. Unique key: (platform, account, date).
-- test unique: platform, account, date
-- dataset [de] Je Plattform, Konto und Kalendertag: ob Daten vorliegen und ob ein Tag ohne Daten eine Lücke ist.
-- dataset [en] Per platform, account and calendar day: whether there is data, and whether a day without data is a gap.
-- dataset [fr] Par plateforme, compte et jour calendaire : présence de données, et si un jour sans données est une lacune.
--
-- The rule: which day without data is a gap (the one place it is decided; the
-- data-quality page and data_quality's missing_days read is_gap).
-- A day has data when a daily row of the account has it (state 'data'), or a
-- period row of the account covers it, e.g. a monthly export without a day
-- column (state 'period'). A run of consecutive days without data is a gap
-- (state 'gap', is_gap) only where a campaign was running and the platform
-- would have reported the day:
--   1. a campaign of the account had spend on a day before the run and on a
--      day after it: a campaign that has ended, or not yet started, leaves no gap;
--   2. where the shop's touchpoints hold clicks or views of that campaign at all,
--      one of them falls within the run: a campaign paused between two flights
--      is not clicked, a campaign whose export is missing is;
--   3. weekends: on a platform whose daily rows hold no Saturday or Sunday at
--      all, a weekend day is never a gap; on any platform a run of a Saturday
--      and/or Sunday alone is not one (nothing delivered over a weekend, as
--      B2B campaigns often do). A run with a weekday is a gap on each of its
--      days, weekend days included, except on a weekday-only platform.
-- Every other day without data is 'idle': nothing says data is missing.
-- Example (one account, campaign A spends Mon 1 - Wed 3 and Mon 8 - Fri 12,
-- and is clicked on Fri 5): Thu 4 - Sun 7 is one run, A spends before and
-- after it and is clicked within it, so Thu 4 - Sun 7 are gaps (on a
-- weekday-only platform Thu 4 and Fri 5 only). Had nobody clicked A from Thu 4
-- to Sun 7, it would have been paused: four idle days.
with ad_rows as (
    select * from int_ad_daily_mapped
),

period_rows as (
    select * from int_ad_period_rows
),

touchpoints as (
    select * from int_touchpoints_mapped
),

bounds as (
    select platform, account, min(report_date) as first_day, max(report_date) as last_day
    from ad_rows
    group by all
),

days as (
    select platform, account, cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as date
    from bounds
),

daily as (
    select platform, account, report_date as date, count(*) as rows, sum(spend_report) as spend
    from ad_rows
    group by all
),

-- days a period row of the account covers (any usage: the data are there, whether or not a month takes them)
period_days as (
    select distinct days.platform, days.account, days.date
    from days
    join period_rows
        on period_rows.platform = days.platform
        and period_rows.account is not distinct from days.account
        and days.date between period_rows.period_start and period_rows.period_end
),

weekday_only_platforms as (
    select platform
    from ad_rows
    group by platform
    having count(*) filter (where dayofweek(report_date) in (0, 6)) = 0
),

-- each platform campaign's first and last day with spend, and its campaign key
campaign_spans as (
    select
        platform,
        account,
        platform_campaign_key,
        any_value(campaign) as campaign,
        min(report_date) as first_spend,
        max(report_date) as last_spend,
    from ad_rows
    where spend_report > 0
    group by platform, account, platform_campaign_key
),

campaign_touches as (
    select campaign, touched_date
    from touchpoints
    where campaign is not null and campaign not in ('unmapped', 'unattributed')
    group by all
),

touched_campaigns as (
    select distinct campaign from campaign_touches
),

marked as (
    select
        days.platform,
        days.account,
        days.date,
        coalesce(daily.rows, 0) as rows,
        cast(round(coalesce(daily.spend, 0), 2) as decimal(18, 2)) as spend,
        daily.rows is not null as has_data,
        period_days.date is not null as covered_by_period,
    from days
    left join daily using (platform, account, date)
    left join period_days using (platform, account, date)
),

-- runs of consecutive days without data: a day's run is numbered by the days with data before it
runs as (
    select
        *,
        count(*) filter (where has_data or covered_by_period) over (partition by platform, account order by date) as run_number,
    from marked
),

run_bounds as (
    select platform, account, run_number, min(date) as run_start, max(date) as run_end, bool_and(dayofweek(date) in (0, 6)) as weekend_only,
    from runs
    where not (has_data or covered_by_period)
    group by all
),

running_runs as (
    select distinct run_bounds.platform, run_bounds.account, run_bounds.run_number
    from run_bounds
    join campaign_spans
        on campaign_spans.platform = run_bounds.platform
        and campaign_spans.account is not distinct from run_bounds.account
        and campaign_spans.first_spend < run_bounds.run_start
        and campaign_spans.last_spend > run_bounds.run_end
    where not run_bounds.weekend_only
        and (
            coalesce(campaign_spans.campaign, '') not in (select campaign from touched_campaigns)
            or exists (
                select 1 from campaign_touches
                where campaign_touches.campaign = campaign_spans.campaign
                    and campaign_touches.touched_date between run_bounds.run_start and run_bounds.run_end
            )
        )
),

final as (
    select
        runs.platform,
        runs.account,
        runs.date,
        runs.rows,
        runs.spend,
        runs.has_data,
        runs.covered_by_period,
        not (runs.has_data or runs.covered_by_period)
            and running_runs.run_number is not null
            and not (weekday_only_platforms.platform is not null and dayofweek(runs.date) in (0, 6)) as is_gap,
        case
            when runs.has_data then 'data'
            when runs.covered_by_period then 'period'
            when is_gap then 'gap'
            else 'idle'
        end as state,
    from runs
    left join running_runs using (platform, account, run_number)
    left join weekday_only_platforms using (platform)
)

select * from final

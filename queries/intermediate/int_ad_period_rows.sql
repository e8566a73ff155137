-- Every period row (a platform row whose reporting start and end differ, or
-- that names no day at all), and what the report does with it, in `usage`:
--   'month'     it covers exactly one calendar month (first to last day) and is
--               used for that month (int_ad_monthly_from_periods);
--   'pro_rata'  only with report.json "period_rows": "pro_rata": any other
--               period is spread over its days (int_ad_period_spread), an
--               estimate that the report labels as one;
--   a reason    why it is not used, starting 'not used:'. unused_reason holds
--               the same as a code the marts and the site read:
--     no_period       the export names no period ("All time", no date column);
--     part_of_month   part of one calendar month   } only with the default
--     several_months  more than one calendar month } "period_rows": "unused"
--     superseded      a later export of the same campaign and period (the
--                     winner rule of int_ad_files_dated: the file whose data
--                     reach the latest day, on a tie the path that sorts last);
--                     its spend is counted from that export, so it is not
--                     "unplaced";
--     overlaps_daily  (pro_rata) daily rows of the same campaign fall inside
--                     the period: the daily rows are exact, and spreading the
--                     period as well would count those days twice;
--     overlaps_month  (pro_rata) a calendar-month row of the same campaign
--                     covers some of the period's days, same reason;
--     overlaps_period (pro_rata) another period row of the same campaign with
--                     a different period overlaps it: in the same file neither
--                     is spread (their days cannot be told apart), across
--                     files the one from the later export is spread.
-- Breakdown rows of one file (ad sets, ads, placements) with the same
-- campaign and period add up, as in int_ad_daily_deduplicated.
-- Money in the account currency. tests/ad_period_rows_unused.sql lists the
-- unused ones as warnings; marts/unplaced_spend.sql says how much spend they
-- hold.
with periods as (
    select * from stg_platforms__ad_periods
),

files as (
    select * from int_ad_files_dated
),

daily as (
    select * from int_ad_daily_deduplicated
),

settings as (
    select * from stg_report__settings
),

classified as (
    select
        periods.*,
        files.data_through as file_data_through,
        case
            when periods.period_start is null then 'no_period'
            when periods.period_start = date_trunc('month', periods.period_start)
                and periods.period_end = last_day(periods.period_start)
                then 'month'
            when date_trunc('month', periods.period_start) = date_trunc('month', periods.period_end) then 'part_of_month'
            else 'several_months'
        end as period_kind,
        case when periods.period_start is not null then strftime(periods.period_start, '%Y-%m') end as month,
    from periods
    inner join files using (source_file)
),

-- Among files with rows of the same campaign and the same period, one counts.
winning_files as (
    select
        platform,
        account,
        platform_campaign_key,
        period_start,
        period_end,
        first(source_file order by file_data_through desc nulls last, source_file desc) as winning_file,
    from classified
    where period_kind <> 'no_period'
    group by platform, account, platform_campaign_key, period_start, period_end
),

ranked as (
    select
        classified.*,
        winning_files.winning_file,
        classified.period_kind in ('part_of_month', 'several_months')
            and settings.period_rows = 'pro_rata'
            and winning_files.winning_file = classified.source_file as is_spread_candidate,
    from classified
    cross join settings
    left join winning_files
        on winning_files.platform = classified.platform
        and winning_files.account = classified.account
        and winning_files.platform_campaign_key = classified.platform_campaign_key
        and winning_files.period_start = classified.period_start
        and winning_files.period_end = classified.period_end
),

-- Spread candidates that daily rows, a used month row or another period overlap.
daily_overlaps as (
    select distinct candidates.source_file, candidates.source_line
    from ranked as candidates
    inner join daily
        on daily.platform = candidates.platform
        and daily.account = candidates.account
        and daily.platform_campaign_key = candidates.platform_campaign_key
        and daily.report_date between candidates.period_start and candidates.period_end
    where candidates.is_spread_candidate
),

month_overlaps as (
    select
        candidates.source_file,
        candidates.source_line,
        min(months.source_file) as other_file,
    from ranked as candidates
    inner join ranked as months
        on months.platform = candidates.platform
        and months.account = candidates.account
        and months.platform_campaign_key = candidates.platform_campaign_key
        and months.period_kind = 'month'
        and months.winning_file = months.source_file
        and months.period_start <= candidates.period_end
        and months.period_end >= candidates.period_start
    where candidates.is_spread_candidate
    group by all
),

period_overlaps as (
    select
        candidates.source_file,
        candidates.source_line,
        min(others.source_file || ' line ' || others.source_line || ' (' || cast(others.period_start as varchar) || ' to ' || cast(others.period_end as varchar) || ')') as other_row,
    from ranked as candidates
    inner join ranked as others
        on others.platform = candidates.platform
        and others.account = candidates.account
        and others.platform_campaign_key = candidates.platform_campaign_key
        and others.is_spread_candidate
        and not (others.period_start = candidates.period_start and others.period_end = candidates.period_end)
        and others.period_start <= candidates.period_end
        and others.period_end >= candidates.period_start
        and (
            others.source_file = candidates.source_file
            or others.file_data_through > candidates.file_data_through
            or (others.file_data_through = candidates.file_data_through and others.source_file > candidates.source_file)
        )
    where candidates.is_spread_candidate
    group by all
),

decided as (
    select
        ranked.*,
        case
            when ranked.period_kind = 'no_period' then 'no_period'
            when ranked.winning_file <> ranked.source_file then 'superseded'
            when ranked.period_kind = 'month' then null
            when not ranked.is_spread_candidate then ranked.period_kind
            when daily_overlaps.source_file is not null then 'overlaps_daily'
            when month_overlaps.source_file is not null then 'overlaps_month'
            when period_overlaps.source_file is not null then 'overlaps_period'
        end as unused_reason,
        month_overlaps.other_file as overlapping_month_file,
        period_overlaps.other_row as overlapping_period_row,
    from ranked
    left join daily_overlaps using (source_file, source_line)
    left join month_overlaps using (source_file, source_line)
    left join period_overlaps using (source_file, source_line)
),

final as (
    select
        source_file,
        source_line,
        source_sheet,
        format,
        platform,
        account,
        currency,
        period_start,
        period_end,
        month,
        campaign_id,
        campaign_name,
        platform_campaign_key,
        ad_set_key,
        ad_set_name,
        ad_key,
        ad_name,
        placement,
        impressions,
        reach,
        clicks,
        link_clicks,
        engagements,
        video_views,
        spend,
        conversions,
        conversion_value,
        followers_gained,
        messaging_conversations,
        new_messaging_contacts,
        engagement_definition,
        unused_reason,
        case
            when unused_reason is null and period_kind = 'month' then 'month'
            when unused_reason is null then 'pro_rata'
            else 'not used: ' || case unused_reason
                when 'no_period' then 'the export has no date column and names no reporting period; export it with a day or date column'
                when 'part_of_month' then 'covers ' || cast(period_start as varchar) || ' to ' || cast(period_end as varchar)
                    || ', part of a calendar month (period rows are never spread over days)'
                when 'several_months' then 'covers ' || cast(period_start as varchar) || ' to ' || cast(period_end as varchar)
                    || ', more than one calendar month (period rows are never spread over months)'
                when 'superseded' then 'superseded by ' || winning_file
                    || case when period_kind = 'month' then ', a later export of the same campaign and month' else ', a later export of the same campaign and period' end
                when 'overlaps_daily' then 'covers ' || cast(period_start as varchar) || ' to ' || cast(period_end as varchar)
                    || ', and daily rows of the same campaign fall on some of these days (a period row is spread only where no daily rows are)'
                when 'overlaps_month' then 'covers ' || cast(period_start as varchar) || ' to ' || cast(period_end as varchar)
                    || ', and the calendar-month row of the same campaign in ' || overlapping_month_file || ' covers some of these days'
                when 'overlaps_period' then 'covers ' || cast(period_start as varchar) || ' to ' || cast(period_end as varchar)
                    || ', and overlaps the period row of the same campaign in ' || overlapping_period_row
            end
        end as usage,
    from decided
)

select * from final
order by source_file, source_line

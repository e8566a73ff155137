-- Every period row (a platform row whose reporting start and end differ, or
-- that names no day at all), and what the report does with it, in `usage`:
--   'month'   it covers exactly one calendar month (first to last day) and is
--             used for that month (int_ad_monthly_from_periods);
--   a reason  why it is not used: no period named, part of a month, several
--             months (periods are never spread over days or months), or
--             superseded by a later export of the same campaign and month
--             (the winner rule of int_ad_files_dated: the file whose data
--             reach the latest day, on a tie the path that sorts last).
-- Money in the account currency. tests/ad_period_rows_unused.sql lists the
-- unused ones as warnings.
with periods as (
    select * from stg_platforms__ad_periods
),

files as (
    select * from int_ad_files_dated
),

classified as (
    select
        periods.*,
        files.data_through as file_data_through,
        case
            when periods.period_start is null
                then 'not used: the export has no date column and names no reporting period; export it with a day or date column'
            when periods.period_start = date_trunc('month', periods.period_start)
                and periods.period_end = last_day(periods.period_start)
                then null
            when date_trunc('month', periods.period_start) = date_trunc('month', periods.period_end)
                then 'not used: covers ' || cast(periods.period_start as varchar) || ' to ' || cast(periods.period_end as varchar)
                    || ', part of a calendar month (period rows are never spread over days)'
            else 'not used: covers ' || cast(periods.period_start as varchar) || ' to ' || cast(periods.period_end as varchar)
                || ', more than one calendar month (period rows are never spread over months)'
        end as unusable_reason,
        case when periods.period_start is not null then strftime(periods.period_start, '%Y-%m') end as month,
    from periods
    inner join files using (source_file)
),

winning_files as (
    select
        platform,
        account,
        platform_campaign_key,
        month,
        first(source_file order by file_data_through desc nulls last, source_file desc) as winning_file,
    from classified
    where unusable_reason is null
    group by platform, account, platform_campaign_key, month
),

final as (
    select
        classified.source_file,
        classified.source_line,
        classified.source_sheet,
        classified.format,
        classified.platform,
        classified.account,
        classified.currency,
        classified.period_start,
        classified.period_end,
        classified.month,
        classified.campaign_id,
        classified.campaign_name,
        classified.platform_campaign_key,
        classified.ad_set_key,
        classified.ad_set_name,
        classified.ad_key,
        classified.ad_name,
        classified.placement,
        classified.impressions,
        classified.reach,
        classified.clicks,
        classified.link_clicks,
        classified.engagements,
        classified.video_views,
        classified.spend,
        classified.conversions,
        classified.conversion_value,
        classified.followers_gained,
        classified.engagement_definition,
        case
            when classified.unusable_reason is not null then classified.unusable_reason
            when winning_files.winning_file <> classified.source_file
                then 'not used: superseded by ' || winning_files.winning_file || ', a later export of the same campaign and month'
            else 'month'
        end as usage,
    from classified
    left join winning_files
        on winning_files.platform = classified.platform
        and winning_files.account = classified.account
        and winning_files.platform_campaign_key = classified.platform_campaign_key
        and winning_files.month = classified.month
)

select * from final
order by source_file, source_line

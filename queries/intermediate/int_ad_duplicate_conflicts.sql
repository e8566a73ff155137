-- One row per platform row key (platform, account, campaign, ad set, ad, day)
-- that appears in several files with different numbers. Identical copies are
-- not listed (they count once, silently). `winning_file` is the copy
-- int_ad_daily_deduplicated uses: the file whose data reach the latest day
-- (int_ad_files_dated), on a tie the file whose path sorts last. The lists
-- are in the order of `files`.
with ad_rows as (
    select * from stg_platforms__ad_daily
),

files as (
    select * from int_ad_files_dated
),

copies as (
    select
        source_file,
        platform,
        account,
        platform_campaign_key,
        ad_set_key,
        ad_key,
        report_date,
        sum(spend) as spend,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(link_clicks) as link_clicks,
        sum(engagements) as engagements,
        sum(video_views) as video_views,
        sum(conversions) as conversions,
        sum(conversion_value) as conversion_value,
        sum(followers_gained) as followers_gained,
        sum(messaging_conversations) as messaging_conversations,
        sum(new_messaging_contacts) as new_messaging_contacts,
        case when count(*) = 1 then max(reach) end as reach,
    from ad_rows
    group by source_file, platform, account, platform_campaign_key, ad_set_key, ad_key, report_date
),

-- keys with more than one copy; only they can conflict (finding them first keeps
-- the list aggregates below off the millions of keys that have one copy)
repeated_keys as (
    select platform, account, platform_campaign_key, ad_set_key, ad_key, report_date,
    from copies
    group by platform, account, platform_campaign_key, ad_set_key, ad_key, report_date
    having count(*) > 1
),

ranked as (
    select
        copies.*,
        files.data_through,
        row_number() over (
            partition by platform, account, platform_campaign_key, ad_set_key, ad_key, report_date
            order by files.data_through desc nulls last, copies.source_file desc
        ) as copy_rank,
    from copies
    inner join repeated_keys using (platform, account, platform_campaign_key, ad_set_key, ad_key, report_date)
    inner join files using (source_file)
),

final as (
    select
        platform,
        account,
        platform_campaign_key,
        ad_set_key,
        ad_key,
        report_date,
        list(source_file order by source_file) as files,
        max(case when copy_rank = 1 then source_file end) as winning_file,
        list(data_through order by source_file) as data_through_per_copy,
        list(spend order by source_file) as spend_per_copy,
        list(impressions order by source_file) as impressions_per_copy,
        max(case when copy_rank = 1 then spend end) as winning_spend,
        max(case when copy_rank = 1 then impressions end) as winning_impressions,
        count(*) as copies,
    from ranked
    group by platform, account, platform_campaign_key, ad_set_key, ad_key, report_date
    having count(*) > 1
        and count(distinct (spend, impressions, clicks, link_clicks, engagements, video_views, conversions, conversion_value, followers_gained, messaging_conversations, new_messaging_contacts, reach)) > 1
)

select * from final
order by report_date, platform, account, platform_campaign_key, ad_set_key, ad_key

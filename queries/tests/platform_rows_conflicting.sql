-- severity: warn
-- The same platform row (platform, account, campaign, ad set, ad, day) appears
-- in several files with different numbers; the copy in the file whose path
-- sorts last is used.
with copies as (
    select
        platform,
        account,
        coalesce(campaign_id, campaign_name) as platform_campaign,
        ad_set_key,
        ad_key,
        report_date,
        source_file,
        sum(spend) as spend,
        sum(impressions) as impressions,
    from stg_platforms__ad_daily
    group by all
)

select
    platform,
    platform_campaign,
    report_date,
    list(source_file order by source_file) as files,
    list(spend order by source_file) as spend,
from copies
group by platform, account, platform_campaign, ad_set_key, ad_key, report_date
having count(distinct (spend, impressions)) > 1
order by report_date, platform, platform_campaign

-- severity: warn
-- Platform campaigns whose names match no `match` pattern of campaigns.csv:
-- their spend is reported as `unmapped`.
select
    mapped.platform,
    mapped.matched_name as platform_campaign,
    round(sum(ad_rows.spend_report), 2) as spend,
from int_platform_campaigns_mapped as mapped
inner join int_ad_monthly_mapped as ad_rows
    on ad_rows.platform = mapped.platform
    and ad_rows.platform_campaign_key = mapped.platform_campaign_key
where mapped.campaign = 'unmapped'
group by all
order by spend desc

-- severity: error
-- int_ad_monthly_from_periods has one row per platform, account, campaign and
-- month (a campaign reported in two currencies would break it).
select platform, account, platform_campaign_key, month, count(*) as rows
from int_ad_monthly_from_periods
group by all
having count(*) > 1

-- severity: warn
-- The same platform row (platform, account, campaign, ad set, ad, day) appears
-- in several files with different numbers; the copy from the file whose data
-- reach the latest day is used (on a tie, the path that sorts last). See
-- int_ad_duplicate_conflicts for every copy.
select
    platform,
    platform_campaign_key,
    report_date,
    files,
    winning_file,
    spend_per_copy,
from int_ad_duplicate_conflicts
order by report_date, platform, platform_campaign_key

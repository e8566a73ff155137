-- severity: warn
-- Period rows (reporting start and end differ) that the report does not use,
-- with the reason: by default only rows covering exactly one calendar month
-- are used; with report.json "period_rows": "pro_rata" other periods are
-- spread over their days (an estimate). marts/unplaced_spend.sql says how
-- much spend the unused ones hold, in the report currency.
select
    source_file,
    source_line,
    platform,
    platform_campaign_key,
    period_start,
    period_end,
    spend,
    currency,
    usage,
from int_ad_period_rows
where usage not in ('month', 'pro_rata')
order by source_file, source_line

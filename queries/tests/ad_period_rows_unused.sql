-- severity: warn
-- Period rows (reporting start and end differ) that the report does not use,
-- with the reason: only rows covering exactly one calendar month are used.
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
where usage <> 'month'
order by source_file, source_line

-- severity: warn
-- The same organic series day (platform, account, metric, date) appears in
-- several files with different values; the copy from the file whose data
-- reach the later day is used (on a tie, the path that sorts last). See
-- int_organic_daily_conflicts for every copy.
select
    platform,
    account,
    metric,
    metric_date,
    files,
    winning_file,
    value_per_copy,
from int_organic_daily_conflicts
order by metric_date, platform, account, metric

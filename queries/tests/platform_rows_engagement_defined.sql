-- severity: error
-- Every platform row says what its engagement count counts (engagement_definition).
select source_file, source_line, platform
from int_ad_daily_deduplicated
where engagement_definition is null or engagement_definition = ''

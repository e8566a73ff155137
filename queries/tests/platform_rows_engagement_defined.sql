-- severity: error
-- Every platform row says what its engagement count counts (engagement_definition).
-- test [de] Jede Plattformzeile sagt, was ihre Zahl der Interaktionen zählt (`engagement_definition`).
-- test [en] Every platform row says what its engagement count counts (`engagement_definition`).
-- test [fr] Chaque ligne de plateforme indique ce que compte son nombre d’engagements (`engagement_definition`).
select source_file, source_line, platform
from int_ad_daily_deduplicated
where engagement_definition is null or engagement_definition = ''

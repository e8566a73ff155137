-- severity: error
-- A gross_margin in campaigns.csv is a share above 0 and at most 1 (0.4 = 40 %).
select source_file, source_line, campaign, gross_margin
from stg_taxonomy__campaigns
where gross_margin is not null and (gross_margin <= 0 or gross_margin > 1)
order by source_line

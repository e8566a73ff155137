-- severity: error
-- A gross_margin in campaigns.csv is a share above 0 and at most 1 (0.4 = 40 %).
-- test [de] Eine Rohertragsmarge (`gross_margin`) in campaigns.csv ist ein Anteil über 0 und höchstens 1 (0,4 = 40 %).
-- test [en] A gross margin (`gross_margin`) in campaigns.csv is a share above 0 and at most 1 (0.4 = 40 %).
-- test [fr] Un taux de marge brute (`gross_margin`) dans campaigns.csv est une part supérieure à 0 et au plus égale à 1 (0,4 = 40 %).
select source_file, source_line, campaign, gross_margin
from stg_taxonomy__campaigns
where gross_margin is not null and (gross_margin <= 0 or gross_margin > 1)
order by source_line

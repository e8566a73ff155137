-- severity: warn
-- Platform campaign names that match the patterns of more than one campaign;
-- the most specific pattern wins. Make the patterns distinct.
select platform, matched_name as platform_campaign, campaign as chosen, candidate_count
from int_platform_campaigns_mapped
where candidate_count > 1
order by platform, matched_name

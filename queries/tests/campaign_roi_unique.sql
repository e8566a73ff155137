-- severity: error
-- campaign_roi has one row per month, campaign and model.
select month, campaign, model, count(*) as copies
from campaign_roi
group by all
having count(*) > 1

-- severity: error
-- Every line of costs.csv names a campaign key or a channel of campaigns.csv.
select source_file, source_line, target, amount, currency
from int_costs_converted
where target_kind = 'unknown'
order by source_line

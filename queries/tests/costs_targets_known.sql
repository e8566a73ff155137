-- severity: error
-- Every line of costs.csv names a campaign key or a channel of campaigns.csv.
-- test [de] Jede Zeile von costs.csv nennt einen Kampagnenschlüssel oder einen Kanal von campaigns.csv.
-- test [en] Every line of costs.csv names a campaign key or a channel of campaigns.csv.
-- test [fr] Chaque ligne de costs.csv désigne une clé de campagne ou un canal de campaigns.csv.
select source_file, source_line, target, amount, currency
from int_costs_converted
where target_kind = 'unknown'
order by source_line

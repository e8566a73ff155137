-- severity: error
-- Every line of experiments.csv names a campaign key (campaign) or a channel (channel) of campaigns.csv.
-- test [de] Jede Zeile von experiments.csv nennt einen Kampagnenschlüssel oder einen Kanal von campaigns.csv.
-- test [en] Every line of experiments.csv names a campaign key or a channel of campaigns.csv.
-- test [fr] Chaque ligne de experiments.csv désigne une clé de campagne ou un canal de campaigns.csv.
with experiments as (
    select * from stg_experiments__results
),

campaigns as (
    select * from stg_taxonomy__campaigns
)

select experiments.source_file, experiments.source_line, experiments.experiment_id, experiments.target_kind, experiments.target
from experiments
where (experiments.target_kind = 'campaign' and experiments.target not in (select campaign from campaigns))
    or (experiments.target_kind = 'channel' and experiments.target not in (select channel from campaigns))
order by experiments.source_line

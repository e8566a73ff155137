-- severity: error
-- Every line of experiments.csv names a campaign key (campaign) or a channel (channel) of campaigns.csv.
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

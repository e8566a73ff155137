-- One row per line of experiments.csv: a lift test or geo experiment's result as the
-- team received it. target is the campaign key, or the channel for a channel-wide test
-- (target_kind says which). The uncertainty is a standard error or a given interval
-- (ci_low, ci_high at ci_level), or neither; ingest allows no row with both.
with source as (
    select * from raw_experiments
),

renamed as (
    select
        source_file,
        source_line,
        experiment_id,
        coalesce(campaign, channel) as target,
        case when campaign is not null then 'campaign' else 'channel' end as target_kind,
        start_date,
        end_date,
        metric,
        estimate,
        standard_error,
        ci_low,
        ci_high,
        ci_level,
        source,
        note,
    from source
)

select * from renamed

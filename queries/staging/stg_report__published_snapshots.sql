-- One row per figure of a published month's snapshot (data/snapshots/<month>.json
-- of the previous report): the value the report showed when the month was
-- first published. Campaign `all` holds the month's headline figures.
with source as (
    select * from raw_published_snapshots
),

renamed as (
    select
        month,
        published_at,
        model,
        campaign,
        metric,
        value as published_value,
    from source
)

select * from renamed

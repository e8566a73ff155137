-- One row per touchpoint (a click on or view of an ad or link with utm fields).
-- utm_source, utm_medium and utm_content are trimmed and lower-cased; common
-- source aliases are unified (utm_source_name, queries/macros.sql). utm_campaign stays as exported (utm_campaign_as_sent):
-- int_utm_campaigns_mapped normalises each spelling once, and the attribution steps
-- look up each touch's campaign by its spelling there.
with source as (
    select * from raw_touchpoints
),

renamed as (
    select
        source_file,
        source_line,
        customer_id,
        occurred_at,
        utm_source_name(utm_source) as utm_source,
        lower(trim(utm_medium)) as utm_medium,
        lower(trim(utm_content)) as utm_content,
        interaction,
        utm_campaign as utm_campaign_as_sent,
    from source
)

select * from renamed

-- One row per utm_campaign spelling in the touchpoints, as exported (one null row
-- when some touch has none), with its normalised value: trimmed and lower-cased,
-- as stg_shop__orders normalises the orders' utm_campaign.
-- The touchpoints keep the spelling (stg_web__touchpoints.utm_campaign_as_sent):
-- a few thousand spellings are normalised here once, instead of 50 M touches.
with source as (
    select * from raw_touchpoints
),

spellings as (
    select distinct utm_campaign from source
),

renamed as (
    select
        utm_campaign as utm_campaign_as_sent,
        lower(trim(utm_campaign)) as utm_campaign,
    from spellings
)

select * from renamed

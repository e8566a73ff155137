-- One row per utm_campaign spelling seen in touchpoints, GA4 sessions and orders, as exported
-- (utm_campaign_as_sent), with its normalised utm_campaign and the campaign key
-- that value maps to through campaigns.csv `match` patterns, or `unmapped`;
-- one row with a null spelling stands for touches and orders without one
-- (`unmapped` too).
-- The touchpoints' spellings are normalised here, once each (trimmed and
-- lower-cased, as stg_shop__orders normalises the orders'), and readers look
-- touches up by spelling: normalising 50 M touchpoints costs about 1.3 s a read.
with touchpoints as (
    select * from stg_web__touchpoints
),

orders as (
    select * from stg_shop__orders
),

ga4_sessions as (
    select * from int_ga4_sessions
),

patterns as (
    select * from int_campaign_patterns
),

touchpoint_spellings as (
    select distinct utm_campaign_as_sent from touchpoints
    union
    select distinct utm_campaign_as_sent from ga4_sessions
),

spellings as (
    select utm_campaign_as_sent, lower(trim(utm_campaign_as_sent)) as utm_campaign,
    from touchpoint_spellings
    union
    select distinct utm_campaign_as_sent, utm_campaign from orders
),

utm_values as (
    select distinct utm_campaign from spellings
),

candidates as (
    select
        utm_values.utm_campaign,
        patterns.campaign,
        patterns.specificity,
    from utm_values
    inner join patterns
        on utm_values.utm_campaign like patterns.like_pattern escape '\'
),

best as (
    select * from candidates
    qualify row_number() over (partition by utm_campaign order by specificity desc, campaign) = 1
),

final as (
    select
        spellings.utm_campaign_as_sent,
        spellings.utm_campaign,
        coalesce(best.campaign, 'unmapped') as campaign,
    from spellings
    left join best using (utm_campaign)
)

select * from final

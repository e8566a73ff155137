-- One row per utm_campaign spelling seen in touchpoints and orders, as exported
-- (utm_campaign_as_sent), with its normalised utm_campaign and the campaign key
-- that value maps to through campaigns.csv `match` patterns, or `unmapped`;
-- one row with a null spelling stands for touches and orders without one
-- (`unmapped` too).
-- Readers look touches up by spelling, which spares them normalising every
-- touchpoint's utm_campaign (lower() and trim() over 50 M touchpoints cost about
-- 1.3 s on each read).
with touchpoint_spellings as (
    select * from stg_web__utm_campaigns
),

orders as (
    select * from stg_shop__orders
),

patterns as (
    select * from int_campaign_patterns
),

-- a spelling normalises the same way in both exports (lower-cased, spaces trimmed)
spellings as (
    select utm_campaign_as_sent, utm_campaign from touchpoint_spellings
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

-- One row per utm_campaign value seen in touchpoints and orders, with the
-- campaign key it maps to through campaigns.csv `match` patterns, or `unmapped`;
-- one row with a null utm_campaign stands for touches and orders without one
-- (`unmapped` too). Excluding it before the distinct would make DuckDB normalise
-- every touchpoint's utm_campaign twice (once to test it, once to read it): 2 s
-- at 50 M touchpoints.
with touchpoints as (
    select * from stg_web__touchpoints
),

orders as (
    select * from stg_shop__orders
),

patterns as (
    select * from int_campaign_patterns
),

utm_values as (
    select distinct utm_campaign from touchpoints
    union
    select distinct utm_campaign from orders
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
        utm_values.utm_campaign,
        coalesce(best.campaign, 'unmapped') as campaign,
    from utm_values
    left join best using (utm_campaign)
)

select * from final

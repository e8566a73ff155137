-- One row per campaign of campaigns.csv. A campaign without match patterns
-- matches its own key; gross_margin, when given, overrides report.json's.
with source as (
    select * from raw_campaigns
),

renamed as (
    select
        source_file,
        source_line,
        campaign,
        name,
        channel,
        funnel_stage,
        influencer,
        upper(coupon_code) as coupon_code,
        coalesce(match, campaign) as match_patterns,
        gross_margin,
    from source
)

select * from renamed

-- One row per loaded platform export row that covers one day, in the unified
-- daily schema; not yet deduplicated across files nor converted to the report
-- currency. Period rows (reporting start and end differ) are in
-- stg_platforms__ad_periods, never here.
with source as (
    select * from raw_ad_daily
),

renamed as (
    select
        source_file,
        source_line,
        source_sheet,
        format,
        platform,
        coalesce(account, '') as account,
        upper(currency) as currency,
        report_date,
        campaign_id,
        campaign_name,
        coalesce(campaign_id, campaign_name) as platform_campaign_key,
        coalesce(ad_set_id, ad_set_name, '') as ad_set_key,
        ad_set_name,
        coalesce(ad_id, ad_name, '') as ad_key,
        ad_name,
        placement,
        -- a count the file does not report (no such column, or a blank or `--`
        -- cell) stays null, never 0: see "Metrics a platform does not report"
        -- in queries/README.md for how sums and ratios treat it
        impressions,
        reach,
        clicks,
        link_clicks,
        engagements,
        video_views,
        -- Spend is a required column of every ad format (`required` in
        -- pipeline/ingest/platforms/*.ts), so a null here is a blank or `--`
        -- cell in a file that reports spend: the platform billed nothing on
        -- that row, and 0 is what it cost (sum() would give the same totals).
        coalesce(spend, 0) as spend,
        conversions,
        conversion_value,
        followers_gained,
        -- started Messenger/WhatsApp/Instagram conversations and first-time contacts
        -- (Meta's click-to-message campaigns); null where the file does not report them
        messaging_conversations,
        new_messaging_contacts,
        engagement_definition,
        -- what the platform optimised the row for (Meta's result indicator or type),
        -- and the objective it names; int_campaign_objectives reads them
        result_indicator,
        objective,
    from source
)

select * from renamed

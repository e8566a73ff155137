-- One row per event of the GA4 BigQuery export (ga4/ of the data folder), typed:
-- event_at is event_timestamp (microseconds since 1970, UTC) as a timestamp.
-- user_key and user_pseudo_key are the keyed hashes of user_id and user_pseudo_id
-- (ingest never keeps either in clear); an event without user_pseudo_id was sent
-- without consent to analytics storage and belongs to no browser: is_observable
-- is false, and it is counted as a journey not observable (data_quality).
-- Traffic fields are trimmed and lower-cased as touchpoints.csv's are (sources
-- through utm_source_name); campaign names stay as sent, since
-- int_utm_campaigns_mapped normalises each spelling once. GA4 writes placeholders
-- such as `(not set)` and `(direct)` where it has no value: ga4_value makes them null.
with source as (
    select * from raw_ga4_events
),

renamed as (
    select
        source_file,
        source_line,
        timezone('UTC', make_timestamp(event_timestamp)) as event_at,
        event_name,
        user_key,
        user_pseudo_key,
        user_pseudo_key is not null as is_observable,
        ga_session_id,
        utm_source_name(ga4_value(param_source)) as param_source,
        lower(ga4_value(param_medium)) as param_medium,
        ga4_value(param_campaign) as param_campaign,
        lower(ga4_value(param_content)) as param_content,
        lower(ga4_value(param_term)) as param_term,
        utm_source_name(ga4_value(collected_source)) as collected_source,
        lower(ga4_value(collected_medium)) as collected_medium,
        ga4_value(collected_campaign) as collected_campaign,
        lower(ga4_value(collected_content)) as collected_content,
        lower(ga4_value(collected_term)) as collected_term,
        utm_source_name(ga4_value(last_click_source)) as last_click_source,
        lower(ga4_value(last_click_medium)) as last_click_medium,
        ga4_value(last_click_campaign) as last_click_campaign,
        lower(ga4_value(last_click_content)) as last_click_content,
        lower(ga4_value(last_click_term)) as last_click_term,
        ga4_value(last_click_google_ads_campaign) as last_click_google_ads_campaign,
        string_split(click_id_params, ',') as click_id_params,
        event_name = 'purchase' as is_purchase,
        transaction_id,
        purchase_revenue,
        currency,
    from source
)

select * from renamed

-- One row per session of the GA4 export: a browser's visit (user_pseudo_id and
-- ga_session_id), at the time of its first event, with the source, medium,
-- campaign, content and term it came from and the platform of its click id.
-- browser_id is the journey the browser belongs to (int_ga4_browsers: user_id
-- where the site knows it, else user_pseudo_id).
-- Where the session came from, the first of these that holds a source or a
-- campaign, taken whole (never a source from one and a medium from another):
--   1. session_traffic_source_last_click.manual_campaign, GA4's own session
--      source (last click); of the session's earliest event that carries it;
--   2. collected_traffic_source (the utm fields GA4 read off the landing page) of
--      the session's earliest event that carries it;
--   3. event_params source, medium, campaign, content, term of the session's
--      earliest event that carries them (older tables and tagging setups).
-- A session with none of them but a Google Ads campaign in the last-click record
-- takes that campaign name, source `google`, medium `cpc` (auto-tagging).
-- Click ids (a landing page's query parameter, or GA4's gclid and dclid) name
-- their platform: gclid, gbraid, wbraid, dclid google_ads; fbclid meta;
-- ttclid tiktok; li_fat_id linkedin; msclkid microsoft_ads; twclid x;
-- epik pinterest; sccid snapchat; the first of the list where several stand.
-- is_touch: the session came from somewhere (a source, a campaign or a click id).
-- A direct session (nothing of these) is no touchpoint, as a visit without utm
-- fields is none in touchpoints.csv.
-- Events without ga_session_id (server-sent purchases) start no session; events
-- without user_pseudo_id belong to no browser (stg_ga4__events.is_observable).
-- session_number numbers the sessions across all files (by file and line of their
-- first event): the touches name a GA4 session by it (int_attribution_touches'
-- source_line where touch_source is `ga4`).
-- The touch's day is that of session_started_at in the report time zone, like
-- every touchpoint's: a session from 23:50 to 00:20 belongs to the first day.
with events as (
    select * from stg_ga4__events
    where is_observable
),

click_ids as (
    select * from (values
        (1, 'gclid', 'google_ads'),
        (2, 'gbraid', 'google_ads'),
        (3, 'wbraid', 'google_ads'),
        (4, 'dclid', 'google_ads'),
        (5, 'fbclid', 'meta'),
        (6, 'ttclid', 'tiktok'),
        (7, 'li_fat_id', 'linkedin'),
        (8, 'msclkid', 'microsoft_ads'),
        (9, 'twclid', 'x'),
        (10, 'epik', 'pinterest'),
        (11, 'sccid', 'snapchat')
    ) as t(priority, param, platform)
),

browsers as (
    select * from int_ga4_browsers
),

event_clicks as (
    select
        events.user_pseudo_key,
        events.ga_session_id,
        events.event_at,
        click_ids.priority,
        click_ids.platform,
    from events
    inner join click_ids
        on list_contains(events.click_id_params, click_ids.param)
    where events.ga_session_id is not null
),

session_clicks as (
    select
        user_pseudo_key,
        ga_session_id,
        arg_min(platform, (event_at, priority)) as click_platform,
    from event_clicks
    group by all
),

sessions as (
    select
        user_pseudo_key,
        ga_session_id,
        min(event_at) as session_started_at,
        arg_min(source_file, (event_at, source_line)) as source_file,
        arg_min(source_line, (event_at, source_line)) as source_line,
        count(*) as events,
        arg_min(
            {'source': last_click_source, 'medium': last_click_medium, 'campaign': last_click_campaign, 'content': last_click_content, 'term': last_click_term},
            (event_at, source_line)
        ) filter (where last_click_source is not null or last_click_campaign is not null) as last_click,
        arg_min(
            {'source': collected_source, 'medium': collected_medium, 'campaign': collected_campaign, 'content': collected_content, 'term': collected_term},
            (event_at, source_line)
        ) filter (where collected_source is not null or collected_campaign is not null) as collected,
        arg_min(
            {'source': param_source, 'medium': param_medium, 'campaign': param_campaign, 'content': param_content, 'term': param_term},
            (event_at, source_line)
        ) filter (where param_source is not null or param_campaign is not null) as params,
        arg_min(last_click_google_ads_campaign, (event_at, source_line)) filter (where last_click_google_ads_campaign is not null) as google_ads_campaign,
    from events
    where ga_session_id is not null
    group by all
),

chosen as (
    select
        sessions.*,
        case
            when sessions.last_click is not null then 'last_click'
            when sessions.collected is not null then 'collected_traffic_source'
            when sessions.params is not null then 'event_params'
            when sessions.google_ads_campaign is not null then 'google_ads_campaign'
        end as traffic_origin,
        coalesce(
            sessions.last_click,
            sessions.collected,
            sessions.params,
            case when sessions.google_ads_campaign is not null
                then {'source': 'google', 'medium': 'cpc', 'campaign': sessions.google_ads_campaign, 'content': null, 'term': null}
            end
        ) as traffic,
    from sessions
),

final as (
    select
        row_number() over (order by chosen.source_file, chosen.source_line, chosen.ga_session_id) as session_number,
        browsers.browser_id,
        chosen.user_pseudo_key,
        chosen.ga_session_id,
        chosen.session_started_at,
        chosen.source_file,
        chosen.source_line,
        chosen.events,
        chosen.traffic_origin,
        chosen.traffic.source as utm_source,
        chosen.traffic.medium as utm_medium,
        chosen.traffic.campaign as utm_campaign_as_sent,
        chosen.traffic.content as utm_content,
        chosen.traffic.term as utm_term,
        session_clicks.click_platform,
        chosen.traffic is not null or session_clicks.click_platform is not null as is_touch,
    from chosen
    inner join browsers using (user_pseudo_key)
    left join session_clicks using (user_pseudo_key, ga_session_id)
)

select * from final

-- One row per campaign whose platform rows say what the platform optimised it for.
-- Unique key: campaign.
-- A campaign is a messaging campaign (click-to-WhatsApp, click-to-Messenger) when
-- its platform rows name started messaging conversations as their result (Meta's
-- result indicator `actions:onsite_conversion.messaging_conversation_started_7d`, or
-- result type `Messaging conversations started`) or `Messages` as their objective,
-- and none of its rows names a purchase as its result. Such a campaign is judged on
-- its conversations and their cost, not on ROI or ROAS (docs/decisions.md, "A
-- messaging campaign is judged on conversations"); its spend counts in every total.
-- Examples: a campaign whose rows say `actions:onsite_conversion.messaging_conversation_started_7d`
-- is `messaging`; one whose rows say `actions:post_engagement` but that also reports
-- 14 conversations is not (its conversations are still shown); one with a messaging
-- row and a purchase row is not.
-- A campaign that is in no row here has no objective of its own: conversion and
-- consideration campaigns are judged on ROI, awareness campaigns on reach
-- (campaigns.csv `funnel_stage`).
with ad_rows as (
    select platform, platform_campaign_key, campaign_name, campaign_id, result_indicator, objective
    from stg_platforms__ad_daily
    where result_indicator is not null or objective is not null
),

period_rows as (
    select platform, platform_campaign_key, campaign_name, campaign_id, result_indicator, objective
    from stg_platforms__ad_periods
    where result_indicator is not null or objective is not null
),

mapping as (
    select * from int_platform_campaigns_mapped
),

named as (
    select distinct * from ad_rows
    union
    select distinct * from period_rows
),

classified as (
    select
        mapping.campaign,
        regexp_matches(coalesce(named.result_indicator, ''), 'messaging_conversation_started|messaging conversations? started|begonnene (messaging-)?unterhaltungen', 'i')
            or regexp_matches(coalesce(named.objective, ''), '^(messages|nachrichten|messaging)$', 'i') as names_messaging,
        regexp_matches(coalesce(named.result_indicator, ''), 'purchase|kauf|käufe', 'i') as names_purchase,
    from named
    inner join mapping
        on mapping.platform = named.platform
        and mapping.platform_campaign_key = named.platform_campaign_key
        and mapping.matched_name = coalesce(named.campaign_name, named.campaign_id)
    where mapping.campaign <> 'unmapped'
),

final as (
    select
        campaign,
        'messaging' as objective,
    from classified
    group by campaign
    having bool_or(names_messaging) and not bool_or(names_purchase)
)

select * from final

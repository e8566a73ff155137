-- One row per touchpoint with the campaign it belongs to and its day in the
-- report time zone. Touchpoints whose utm_campaign matches no campaign, or
-- that have none, belong to `unmapped`.
with touchpoints as (
    select * from stg_web__touchpoints
),

mapping as (
    select * from int_utm_campaigns_mapped
),

settings as (
    select * from stg_report__settings
),

final as (
    select
        touchpoints.source_file,
        touchpoints.source_line,
        touchpoints.customer_id,
        touchpoints.occurred_at,
        cast(timezone(settings.timezone, touchpoints.occurred_at) as date) as touched_date,
        touchpoints.utm_source,
        touchpoints.utm_medium,
        touchpoints.utm_campaign,
        touchpoints.interaction,
        coalesce(mapping.campaign, 'unmapped') as campaign,
    from touchpoints
    cross join settings
    left join mapping using (utm_campaign)
)

select * from final

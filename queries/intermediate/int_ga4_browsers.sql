-- One row per browser of the GA4 export (user_pseudo_id, keyed) with the journey
-- it belongs to (browser_id): the person where the site knows them, the keyed
-- user_id of the browser's latest event that carries one, else the browser's own
-- user_pseudo_id. A customer who logs in on two devices has one journey.
-- Events without user_pseudo_id belong to no browser (journeys not observable).
with events as (
    select * from stg_ga4__events
    where is_observable
),

final as (
    select
        user_pseudo_key,
        coalesce(max_by(user_key, event_at) filter (where user_key is not null), user_pseudo_key) as browser_id,
    from events
    group by user_pseudo_key
)

select * from final

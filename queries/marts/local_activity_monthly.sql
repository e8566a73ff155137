-- Grain: one row per month and Google Business Profile location (`location`:
-- the business name the export gives, else its store code). Unique key:
-- (month, location).
-- What a local business's profile did that month: how often it was seen on
-- Google Search and Google Maps (mobile and desktop), and what people did
-- from it: website clicks, calls, direction requests, bookings and
-- conversations (messages). From the Business Profile bulk download (a
-- calendar month per file) or the Performance API's daily metrics
-- (int_organic_daily_deduplicated: a day in several files counts once).
-- A figure the export does not report stays empty, never 0: a location
-- without bookings enabled has no bookings, not zero bookings.
-- metric profile_views [de] Profilaufrufe: Aufrufe des Unternehmensprofils in der Google Suche und in Google Maps, Mobilgeräte und Computer zusammen (Google zählt eine Person je Tag und Ansicht einmal); leer, wenn der Export keine meldet
-- metric profile_views [en] Profile views: views of the Business Profile on Google Search and Google Maps, mobile and desktop together (Google counts a person once per day and view); empty when the export reports none
-- metric profile_views [fr] Vues du profil: vues de la fiche d’établissement dans la recherche Google et dans Google Maps, mobile et ordinateur ensemble (Google compte une personne une fois par jour et par vue) ; vide quand l’export n’en déclare aucune
-- metric local_interactions [de] Interaktionen mit dem Profil: Website-Klicks + Anrufe + Routenanfragen + Buchungen + Unterhaltungen, soweit gemeldet; leer, wenn keine gemeldet ist
-- metric local_interactions [en] Profile interactions: website clicks + calls + direction requests + bookings + conversations, as far as reported; empty when none is reported
-- metric local_interactions [fr] Interactions avec la fiche: clics vers le site + appels + demandes d’itinéraire + réservations + conversations, pour autant qu’elles soient déclarées ; vide quand aucune ne l’est
-- test unique: month, location
-- dataset [de] Je Monat und Standort im Google Unternehmensprofil: Profilaufrufe (Suche und Maps, mobil und Computer), Website-Klicks, Anrufe, Routenanfragen, Buchungen und Unterhaltungen.
-- dataset [en] Per month and Google Business Profile location: profile views (Search and Maps, mobile and desktop), website clicks, calls, direction requests, bookings and conversations.
-- dataset [fr] Par mois et établissement de la fiche Google : vues du profil (recherche et Maps, mobile et ordinateur), clics vers le site, appels, demandes d’itinéraire, réservations et conversations.
with series as (
    select * from int_organic_daily_deduplicated
),

location_days as (
    select
        strftime(metric_date, '%Y-%m') as month,
        account as location,
        metric,
        value,
    from series
    where platform = 'google_business'
),

monthly as (
    select
        month,
        location,
        sum(value) filter (where metric = 'views_search_mobile') as views_search_mobile,
        sum(value) filter (where metric = 'views_search_desktop') as views_search_desktop,
        sum(value) filter (where metric = 'views_maps_mobile') as views_maps_mobile,
        sum(value) filter (where metric = 'views_maps_desktop') as views_maps_desktop,
        sum(value) filter (where metric in ('views_search_mobile', 'views_search_desktop', 'views_maps_mobile', 'views_maps_desktop')) as profile_views,
        sum(value) filter (where metric in ('views_search_mobile', 'views_search_desktop')) as views_search,
        sum(value) filter (where metric in ('views_maps_mobile', 'views_maps_desktop')) as views_maps,
        sum(value) filter (where metric in ('views_search_mobile', 'views_maps_mobile')) as views_mobile,
        sum(value) filter (where metric in ('views_search_desktop', 'views_maps_desktop')) as views_desktop,
        sum(value) filter (where metric = 'website_clicks') as website_clicks,
        sum(value) filter (where metric = 'calls') as calls,
        sum(value) filter (where metric = 'direction_requests') as direction_requests,
        sum(value) filter (where metric = 'bookings') as bookings,
        sum(value) filter (where metric = 'conversations') as conversations,
        sum(value) filter (where metric in ('website_clicks', 'calls', 'direction_requests', 'bookings', 'conversations')) as local_interactions,
    from location_days
    group by month, location
),

final as (
    select
        month,
        location,
        cast(profile_views as bigint) as profile_views,
        cast(views_search as bigint) as views_search,
        cast(views_maps as bigint) as views_maps,
        cast(views_mobile as bigint) as views_mobile,
        cast(views_desktop as bigint) as views_desktop,
        cast(website_clicks as bigint) as website_clicks,
        cast(calls as bigint) as calls,
        cast(direction_requests as bigint) as direction_requests,
        cast(bookings as bigint) as bookings,
        cast(conversations as bigint) as conversations,
        cast(local_interactions as bigint) as local_interactions,
    from monthly
)

select * from final
order by month, location

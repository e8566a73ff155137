-- severity: error
-- A period row spread pro rata over its months (int_ad_period_spread) adds up
-- to the row exactly: spend, conversion value and every count, to the cent or
-- the unit, and each month's days add up to the period's.
-- test [de] Eine anteilig auf ihre Monate verteilte Zeitraum-Zeile ergibt genau die Zeile: Ausgaben, Conversion-Wert und jede Zählung, auf den Cent oder die Einheit, und die Tage der Monate ergeben die des Zeitraums.
-- test [en] A period row spread pro rata over its months adds up to the row exactly: spend, conversion value and every count, to the cent or the unit, and each month's days add up to the period's.
-- test [fr] Une ligne de période répartie au prorata sur ses mois redonne exactement la ligne : dépenses, valeur de conversion et chaque comptage, au centime ou à l’unité près, et les jours des mois redonnent ceux de la période.
with spread as (
    select * from int_ad_period_spread
),

period_rows as (
    select * from int_ad_period_rows
    where usage = 'pro_rata'
),

totals as (
    select
        source_file,
        source_line,
        sum(spend) as spend,
        sum(conversion_value) as conversion_value,
        sum(conversions) as conversions,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(link_clicks) as link_clicks,
        sum(engagements) as engagements,
        sum(video_views) as video_views,
        sum(followers_gained) as followers_gained,
        sum(messaging_conversations) as messaging_conversations,
        sum(new_messaging_contacts) as new_messaging_contacts,
        sum(piece_days) as days,
        max(period_days) as period_days,
    from spread
    group by source_file, source_line
)

select period_rows.source_file, period_rows.source_line, period_rows.spend, totals.spend as spread_spend
from period_rows
left join totals using (source_file, source_line)
where totals.source_file is null
    or totals.spend is distinct from period_rows.spend
    or totals.conversion_value is distinct from period_rows.conversion_value
    or totals.conversions is distinct from period_rows.conversions
    or totals.impressions is distinct from period_rows.impressions
    or totals.clicks is distinct from period_rows.clicks
    or totals.link_clicks is distinct from period_rows.link_clicks
    or totals.engagements is distinct from period_rows.engagements
    or totals.video_views is distinct from period_rows.video_views
    or totals.followers_gained is distinct from period_rows.followers_gained
    or totals.messaging_conversations is distinct from period_rows.messaging_conversations
    or totals.new_messaging_contacts is distinct from period_rows.new_messaging_contacts
    or totals.days <> totals.period_days
order by period_rows.source_file, period_rows.source_line

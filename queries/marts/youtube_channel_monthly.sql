-- Grain: one row per month and YouTube channel (`channel`: the name in the
-- Studio download's folder name, empty when it has none). Unique key:
-- (month, channel).
-- The channel's organic numbers from YouTube Studio's advanced mode export
-- (`Table data.csv`): views, watch hours, subscribers gained (net: gained less
-- lost), impressions of its thumbnails and their click-through rate. A table
-- by day gives the channel's days (`basis` = 'days'); a table by content gives
-- the month's videos (`basis` = 'videos'), one row per video. When a month has
-- both, the days count and the videos do not, so nothing counts twice. The
-- export's own total row never counts (ingest checks it against the rows).
-- metric youtube_ctr [de] Klickrate der Impressionen: geschätzte Klicks ÷ Impressionen, die Klicks je Video oder Tag als Impressionen × Klickrate, über die Zeilen, die beide melden; leer ohne Impressionen
-- metric youtube_ctr [en] Impressions click-through rate: estimated clicks / impressions, the clicks per video or day being impressions × click-through rate, over the rows that report both; empty without impressions
-- metric youtube_ctr [fr] Taux de clics des impressions: clics estimés ÷ impressions, les clics par vidéo ou par jour valant impressions × taux de clics, sur les lignes qui déclarent les deux ; vide sans impressions
-- test unique: month, channel
-- dataset [de] Je Monat und YouTube-Kanal: Aufrufe, Wiedergabezeit in Stunden, neue Abonnenten, Impressionen und deren Klickrate, aus YouTube Studio.
-- dataset [en] Per month and YouTube channel: views, watch hours, subscribers gained, impressions and their click-through rate, from YouTube Studio.
-- dataset [fr] Par mois et chaîne YouTube : vues, heures de visionnage, abonnés gagnés, impressions et leur taux de clics, depuis YouTube Studio.
with series as (
    select * from int_organic_daily_deduplicated
),

-- one row per channel, item (video, or '' for a day of the channel) and day
item_days as (
    select
        strftime(metric_date, '%Y-%m') as month,
        account as channel,
        item,
        metric_date,
        max(value) filter (where metric = 'views') as views,
        max(value) filter (where metric = 'watch_hours') as watch_hours,
        max(value) filter (where metric = 'subscribers_gained') as subscribers_gained,
        max(value) filter (where metric = 'impressions') as impressions,
        max(value) filter (where metric = 'impressions_ctr') as impressions_ctr,
    from series
    where platform = 'youtube'
    group by all
),

-- a month with days of the channel counts them, else its videos
chosen as (
    select
        *,
        case when item = '' then 'days' else 'videos' end as basis,
        bool_or(item = '') over (partition by month, channel) as has_days,
    from item_days
),

monthly as (
    select
        month,
        channel,
        basis,
        count(distinct nullif(item, '')) as videos,
        sum(views) as views,
        sum(watch_hours) as watch_hours,
        sum(subscribers_gained) as subscribers_gained,
        sum(impressions) as impressions,
        sum(impressions * impressions_ctr / 100) filter (where impressions_ctr is not null) as clicks_estimated,
        sum(impressions) filter (where impressions_ctr is not null) as impressions_with_ctr,
    from chosen
    where (basis = 'days') = has_days
    group by month, channel, basis
),

final as (
    select
        month,
        channel,
        basis,
        videos,
        cast(views as bigint) as views,
        round(watch_hours, 1) as watch_hours,
        cast(subscribers_gained as bigint) as subscribers_gained,
        cast(impressions as bigint) as impressions,
        case when impressions_with_ctr > 0 then round(clicks_estimated / impressions_with_ctr, 6) end as youtube_ctr,
    from monthly
)

select * from final
order by month, channel

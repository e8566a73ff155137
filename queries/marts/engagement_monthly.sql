-- Grain: one row per month, platform and source: `paid` from ad exports,
-- `organic` from post exports (by the month a post was published) and page
-- follower series. Unique key: (month, platform, source).
-- Reach does not add up over days, campaigns or posts without counting people
-- twice: paid reach is used only when the platform ran one campaign that month
-- and a monthly export gives its reach; organic reach is the posts' reach
-- added up, so organic rates are per post reach. Elsewhere the rate is per
-- impression; engagement_rate_basis says which.
-- bought_followers_flag marks follower growth that engagement does not follow:
-- at least 100 followers gained, at least twice the previous month's gain, while
-- engagements grew by 10 % or less (flag_reason: followers_up_engagement_flat).
-- metric engagement_rate [de] Interaktionsrate: Interaktionen ÷ Reichweite, oder ÷ Impressionen, wo die Reichweite unbekannt ist (`engagement_rate_basis`; bezahlt: beide über die Zeilen, die Interaktionen und Impressionen melden); leer, wenn keine Interaktionen gemeldet sind
-- metric engagement_rate [en] Engagement rate: engagements / reach, or / impressions where reach is unknown (`engagement_rate_basis`; paid: both over the rows that report engagements and impressions); empty when engagements are not reported
-- metric engagement_rate [fr] Taux d’engagement: engagements ÷ portée, ou ÷ impressions là où la portée est inconnue (`engagement_rate_basis` ; payant : les deux sur les lignes qui déclarent engagements et impressions) ; vide quand les engagements ne sont pas déclarés
-- metric bought_followers_signal [de] Hinweis auf gekaufte Follower: neue Follower mindestens verdoppelt (und mindestens 100), während die Interaktionen um 10 % oder weniger stiegen
-- metric bought_followers_signal [en] Bought-followers signal: followers gained at least doubled (and at least 100) while engagements rose 10 % or less
-- metric bought_followers_signal [fr] Signal d’abonnés achetés: nouveaux abonnés au moins doublés (et au moins 100) alors que les engagements ont augmenté de 10 % ou moins
-- test unique: month, platform, source
-- test check: source in ('paid', 'organic')
-- dataset [de] Je Monat, Plattform und Quelle (bezahlt, organisch): Reichweite, Interaktionen, Interaktionsrate, neue Follower und der Hinweis auf gekaufte Follower.
-- dataset [en] Per month, platform and source (paid, organic): reach, engagements, engagement rate, new followers and the bought-followers signal.
-- dataset [fr] Par mois, plateforme et source (payant, organique) : portée, engagements, taux d’engagement, nouveaux abonnés et signal d’abonnés achetés.
with ad_months as (
    select * from int_ad_monthly_mapped
),

posts as (
    select * from int_organic_posts_latest
),

followers as (
    select * from int_organic_followers_daily
),

paid as (
    select
        month,
        platform,
        'paid' as source,
        sum(impressions) as impressions,
        case when count(*) = 1 then max(reach) end as reach,
        sum(engagements) as engagements,
        sum(followers_gained) as followers_gained,
        string_agg(distinct engagement_definition, '; ' order by engagement_definition) as engagement_definition,
        sum(engagements_with_impressions) as engagements_with_impressions,
        sum(impressions_with_engagements) as impressions_with_engagements,
    from ad_months
    group by month, platform
),

organic_posts as (
    select
        published_month as month,
        platform,
        sum(impressions) as impressions,
        sum(reach) as reach,
        sum(engagements) as engagements,
        sum(followers_gained) as followers_from_posts,
        string_agg(distinct engagement_definition, '; ' order by engagement_definition) as engagement_definition,
        sum(engagements) filter (where impressions is not null) as engagements_with_impressions,
        sum(impressions) filter (where engagements is not null) as impressions_with_engagements,
    from posts
    group by all
),

organic_followers as (
    select strftime(date, '%Y-%m') as month, platform, sum(followers_gained) as followers_gained
    from followers
    group by all
),

organic as (
    select
        coalesce(organic_posts.month, organic_followers.month) as month,
        coalesce(organic_posts.platform, organic_followers.platform) as platform,
        'organic' as source,
        organic_posts.impressions,
        organic_posts.reach,
        organic_posts.engagements,
        coalesce(organic_followers.followers_gained, organic_posts.followers_from_posts) as followers_gained,
        organic_posts.engagement_definition,
        organic_posts.engagements_with_impressions,
        organic_posts.impressions_with_engagements,
    from organic_posts
    full outer join organic_followers using (month, platform)
),

with_rates as (
    select
        *,
        case when engagements is null then null when reach > 0 then 'reach' when impressions_with_engagements > 0 then 'impressions' end as engagement_rate_basis,
        case
            when engagements is null then null
            when reach > 0 then engagements / reach
            when impressions_with_engagements > 0 then engagements_with_impressions / impressions_with_engagements
        end as engagement_rate,
    from (
        select * from paid
        union all by name
        select * from organic
    )
),

compared as (
    select
        cur.*,
        prev.followers_gained as followers_gained_prev,
        prev.engagements as engagements_prev,
        case when prev.followers_gained > 0 then (cur.followers_gained - prev.followers_gained) / prev.followers_gained end as followers_change,
        case when prev.engagements > 0 then (cur.engagements - prev.engagements) / prev.engagements end as engagements_change,
    from with_rates as cur
    left join with_rates as prev
        on prev.platform = cur.platform
        and prev.source = cur.source
        and prev.month = strftime(strptime(cur.month || '-01', '%Y-%m-%d') - interval 1 month, '%Y-%m')
),

flagged as (
    select
        *,
        coalesce(
            followers_gained >= 100
            and followers_gained >= 2 * coalesce(followers_gained_prev, 0)
            and coalesce(engagements_change, 0) <= 0.1,
            false
        ) as bought_followers_flag,
    from compared
),

final as (
    select
        month,
        platform,
        source,
        impressions,
        reach,
        engagements,
        engagement_definition,
        engagement_rate_basis,
        engagement_rate,
        followers_gained,
        followers_gained_prev,
        engagements_prev,
        followers_change,
        engagements_change,
        bought_followers_flag,
        case when bought_followers_flag then 'followers_up_engagement_flat' end as flag_reason,
    from flagged
)

select * from final

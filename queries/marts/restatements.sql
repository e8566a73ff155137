-- Grain: one row per published month, campaign and metric whose figure has
-- changed since the month was first published (campaign `all`: the month's
-- headline figures). Unique key: (month, campaign, metric). Figures compare
-- under the model the month was published with; money to the cent, ratios to
-- six decimals. A campaign that disappeared shows its current value as empty.
-- test unique: month, campaign, metric
-- metric restatement [de] Nachträgliche Änderung: heutige Zahl − Zahl bei der ersten Veröffentlichung
-- metric restatement [en] Restatement: current figure - figure at first publication
-- metric restatement [fr] Révision: chiffre actuel − chiffre à la première publication
-- dataset [de] Je veröffentlichtem Monat, Kampagne und Kennzahl, die sich seit der Veröffentlichung geändert hat: veröffentlichter und heutiger Wert.
-- dataset [en] Per published month, campaign and figure that changed since publication: published and current value.
-- dataset [fr] Par mois publié, campagne et chiffre modifié depuis la publication : valeur publiée et valeur actuelle.
with snapshots as (
    select * from stg_report__published_snapshots
),

monthly as (
    select * from monthly_trend
),

campaigns as (
    select * from campaign_roi
),

current_figures as (
    unpivot (
        select month, model, 'all' as campaign, cast(null as varchar) as name,
               media_spend::double as media_spend, total_cost::double as total_cost, revenue::double as revenue,
               gross_profit::double as gross_profit, conversions::double as conversions, roi, roas
        from monthly
        union all
        select month, model, campaign, name,
               media_spend::double, total_cost::double, revenue::double,
               gross_profit::double, conversions::double, roi, roas
        from campaigns
    )
    on media_spend, total_cost, revenue, gross_profit, conversions, roi, roas
    into name metric value current_value
),

names as (
    select distinct campaign, name from campaigns
),

compared as (
    select
        snapshots.month,
        snapshots.campaign,
        names.name,
        snapshots.metric,
        snapshots.published_at,
        snapshots.published_value,
        current_figures.current_value,
    from snapshots
    left join current_figures
        on current_figures.month = snapshots.month
        and current_figures.model = snapshots.model
        and current_figures.campaign = snapshots.campaign
        and current_figures.metric = snapshots.metric
    left join names
        on names.campaign = snapshots.campaign
),

final as (
    select
        month,
        campaign,
        name,
        metric,
        published_at,
        published_value,
        current_value,
        current_value - published_value as change,
        case when published_value <> 0 then (current_value - published_value) / abs(published_value) end as relative_change,
    from compared
    where round(coalesce(current_value, 0), 6) <> round(coalesce(published_value, 0), 6)
        or (current_value is null) <> (published_value is null)
)

select * from final

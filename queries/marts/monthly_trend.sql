-- Grain: one row per month of report_months and attribution model.
-- Unique key: (month, model).
-- The report's headline: all costs (the spend of `unmapped` platform campaigns
-- included, since it is real money) and the revenue credited to the campaigns
-- of campaigns.csv (`unmapped` and `unattributed` revenue are shown apart).
-- ROAS is the revenue of campaigns bought on platforms over media spend, so
-- that fee-paid influencers do not flatter it.
-- Beside each figure: the previous month and the same month a year before.
-- Money changes are relative ((now - then) / then); ROI and ROAS changes are
-- differences (now - then). A change is empty when there is nothing to compare.
-- Revenue, conversions, gross profit, ROI and ROAS carry their interval at the
-- report's interval_level (_low, _high) from the bootstrap over customers
-- (int_roi_intervals, grain 'month'); empty when bootstrap_replicates is 0.
-- metric roi_month [de] ROI (Monat): (Rohertrag der Kampagnen − alle Kosten) ÷ alle Kosten
-- metric roi_month [en] ROI (month): (gross profit of the campaigns - all costs) / all costs
-- metric roi_month [fr] ROI (mois): (marge brute des campagnes − tous les coûts) ÷ tous les coûts
-- metric roas_month [de] ROAS bezahlter Kampagnen (Monat): Umsatz der auf Plattformen gekauften Kampagnen (daneben gezeigt) ÷ alle Mediaausgaben (auch die nicht zugeordneter Plattformkampagnen); nicht zugeordneter Umsatz ÷ Mediaausgaben, denn der zählt auch Influencer-Kampagnen
-- metric roas_month [en] ROAS of paid campaigns (month): revenue of the campaigns bought on platforms (paid_media_revenue, shown beside it) / all media spend (the spend of `unmapped` platform campaigns included); not attributed revenue / media spend, which counts influencer campaigns too
-- metric roas_month [fr] ROAS des campagnes payantes (mois): chiffre d’affaires des campagnes achetées sur les plateformes (affiché à côté) ÷ toutes les dépenses média (y compris celles des campagnes de plateforme non rattachées) ; et non chiffre d’affaires attribué ÷ dépenses média, qui compte aussi les campagnes d’influence
-- test unique: month, model
-- test not_null: month, model
-- dataset [de] Je Monat und Attributionsmodell: alle Kosten, zugeordneter Umsatz, Rohertrag, ROI und ROAS, die Kennzahlen des Überblicks.
-- dataset [en] Per month and attribution model: all costs, attributed revenue, gross profit, ROI and ROAS, the overview's headline figures.
-- dataset [fr] Par mois et modèle d’attribution : tous les coûts, chiffre d’affaires attribué, marge brute, ROI et ROAS, les chiffres clés de la vue d’ensemble.
with campaigns_roi as (
    select * from campaign_roi
),

months as (
    select * from report_months
),

intervals as (
    select * from int_roi_intervals
    where grain = 'month'
),

models as (
    select distinct model from campaigns_roi
),

paid_media_campaigns as (
    select distinct campaign from int_ad_monthly_mapped
    where campaign <> 'unmapped'
),

totals as (
    select
        month,
        model,
        sum(media_spend) as media_spend,
        sum(other_cost) as other_cost,
        sum(total_cost) as total_cost,
        sum(conversions) filter (where campaign not in ('unattributed', 'unmapped')) as conversions,
        sum(revenue) filter (where campaign not in ('unattributed', 'unmapped')) as revenue,
        sum(gross_profit) filter (where campaign not in ('unattributed', 'unmapped')) as gross_profit,
        sum(revenue) filter (where campaign in (select campaign from paid_media_campaigns)) as paid_media_revenue,
        sum(revenue) as net_revenue,
        sum(revenue) filter (where campaign = 'unattributed') as unattributed_revenue,
        sum(revenue) filter (where campaign = 'unmapped') as unmapped_revenue,
        sum(media_spend) filter (where campaign = 'unmapped') as unmapped_spend,
    from campaigns_roi
    group by all
),

grid as (
    select
        months.month,
        months.month_start,
        models.model,
        coalesce(totals.media_spend, 0) as media_spend,
        coalesce(totals.other_cost, 0) as other_cost,
        coalesce(totals.total_cost, 0) as total_cost,
        coalesce(totals.conversions, 0) as conversions,
        coalesce(totals.revenue, 0) as revenue,
        coalesce(totals.gross_profit, 0) as gross_profit,
        coalesce(totals.paid_media_revenue, 0) as paid_media_revenue,
        coalesce(totals.net_revenue, 0) as net_revenue,
        coalesce(totals.unmapped_spend, 0) as unmapped_spend,
        coalesce(totals.unattributed_revenue, 0) as unattributed_revenue,
        coalesce(totals.unmapped_revenue, 0) as unmapped_revenue,
    from months
    cross join models
    left join totals
        on totals.month = months.month
        and totals.model = models.model
),

with_ratios as (
    select
        *,
        case when total_cost > 0 then (gross_profit - total_cost) / total_cost end as roi,
        case when media_spend > 0 then paid_media_revenue / media_spend end as roas,
    from grid
),

final as (
    select
        cur.month,
        cur.model,
        cur.media_spend,
        cur.other_cost,
        cur.total_cost,
        cur.conversions,
        cur.revenue,
        cur.gross_profit,
        cur.roi,
        cur.roas,
        cur.paid_media_revenue,
        cur.net_revenue,
        cur.unattributed_revenue,
        cur.unmapped_revenue,
        cur.unmapped_spend,
        intervals.revenue_low,
        intervals.revenue_high,
        intervals.conversions_low,
        intervals.conversions_high,
        intervals.gross_profit_low,
        intervals.gross_profit_high,
        intervals.roi_low,
        intervals.roi_high,
        intervals.roas_low,
        intervals.roas_high,
        prev.media_spend as media_spend_prev,
        case when prev.media_spend <> 0 then (cur.media_spend - prev.media_spend) / prev.media_spend end as media_spend_change,
        prev.total_cost as total_cost_prev,
        case when prev.total_cost <> 0 then (cur.total_cost - prev.total_cost) / prev.total_cost end as total_cost_change,
        prev.revenue as revenue_prev,
        case when prev.revenue <> 0 then (cur.revenue - prev.revenue) / prev.revenue end as revenue_change,
        prev.gross_profit as gross_profit_prev,
        case when prev.gross_profit <> 0 then (cur.gross_profit - prev.gross_profit) / prev.gross_profit end as gross_profit_change,
        prev.roi as roi_prev,
        cur.roi - prev.roi as roi_change,
        prev.roas as roas_prev,
        cur.roas - prev.roas as roas_change,
        last_year.media_spend as media_spend_prev_year,
        case when last_year.media_spend <> 0 then (cur.media_spend - last_year.media_spend) / last_year.media_spend end as media_spend_change_year,
        last_year.total_cost as total_cost_prev_year,
        case when last_year.total_cost <> 0 then (cur.total_cost - last_year.total_cost) / last_year.total_cost end as total_cost_change_year,
        last_year.revenue as revenue_prev_year,
        case when last_year.revenue <> 0 then (cur.revenue - last_year.revenue) / last_year.revenue end as revenue_change_year,
        last_year.gross_profit as gross_profit_prev_year,
        case when last_year.gross_profit <> 0 then (cur.gross_profit - last_year.gross_profit) / last_year.gross_profit end as gross_profit_change_year,
        last_year.roi as roi_prev_year,
        cur.roi - last_year.roi as roi_change_year,
        last_year.roas as roas_prev_year,
        cur.roas - last_year.roas as roas_change_year,
    from with_ratios as cur
    left join intervals
        on intervals.month = cur.month
        and intervals.model = cur.model
    left join with_ratios as prev
        on prev.model = cur.model
        and prev.month_start = cur.month_start - interval 1 month
    left join with_ratios as last_year
        on last_year.model = cur.model
        and last_year.month_start = cur.month_start - interval 12 month
)

select * from final

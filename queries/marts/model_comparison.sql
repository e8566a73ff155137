-- Grain: one row per month, campaign and attribution model: how each
-- campaign's revenue and ROI move between the attribution models (the sensitivity
-- view). Unique key: (month, campaign, model). Costs are the same under every
-- model; only the credited revenue moves.
-- metric roi_spread [de] Spanne des ROI: höchster minus niedrigster ROI einer Kampagne und eines Monats über die Attributionsmodelle
-- metric roi_spread [en] ROI spread: highest minus lowest ROI of a campaign and month over the attribution models
-- metric roi_spread [fr] Écart de ROI: ROI le plus élevé moins le plus bas d’une campagne et d’un mois entre les modèles d’attribution
-- test unique: month, campaign, model
-- test check: roi_min <= roi_max
-- dataset [de] Je Monat, Kampagne und Attributionsmodell: wie sich Umsatz und ROI zwischen den Modellen verschieben; die Kosten sind unter jedem Modell gleich.
-- dataset [en] Per month, campaign and attribution model: how revenue and ROI move between the models; costs are the same under every model.
-- dataset [fr] Par mois, campagne et modèle d’attribution : comment le chiffre d’affaires et le ROI varient entre les modèles ; les coûts sont les mêmes sous chaque modèle.
with campaigns_roi as (
    select * from campaign_roi
),

final as (
    select
        month,
        campaign,
        model,
        name,
        channel,
        revenue,
        gross_profit,
        total_cost,
        roi,
        roas,
        min(roi) over (partition by month, campaign) as roi_min,
        max(roi) over (partition by month, campaign) as roi_max,
        max(roi) over (partition by month, campaign) - min(roi) over (partition by month, campaign) as roi_spread,
        min(revenue) over (partition by month, campaign) as revenue_min,
        max(revenue) over (partition by month, campaign) as revenue_max,
    from campaigns_roi
)

select * from final

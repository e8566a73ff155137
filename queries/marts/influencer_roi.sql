-- Grain: one row per month, influencer campaign and attribution model.
-- Unique key: (month, campaign, model). An influencer campaign is one with an
-- influencer or a coupon code in campaigns.csv. Its fee is the cost of
-- category `influencer`; coupon orders are the orders credited through its code.
-- metric influencer_roi [de] ROI der Influencer: (Rohertrag − Honorar und weitere Kosten) ÷ (Honorar und weitere Kosten)
-- metric influencer_roi [en] Influencer ROI: (gross profit - fee and other costs) / (fee and other costs)
-- metric influencer_roi [fr] ROI des influenceurs: (marge brute − honoraires et autres coûts) ÷ (honoraires et autres coûts)
-- Revenue, conversions and ROI carry campaign_roi's intervals.
-- test unique: month, campaign, model
-- test check: fee >= 0
-- dataset [de] Je Monat, Influencer-Kampagne und Attributionsmodell: Honorar, Rabattcode, Coupon-Bestellungen, Umsatz und ROI.
-- dataset [en] Per month, influencer campaign and attribution model: fee, discount code, coupon orders, revenue and ROI.
-- dataset [fr] Par mois, campagne d’influence et modèle d’attribution : honoraires, code promo, commandes avec code, chiffre d’affaires et ROI.
with campaigns_roi as (
    select * from campaign_roi
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

costs as (
    select * from int_costs_allocated
),

credits as (
    select * from int_attribution_credits
),

influencers as (
    select * from campaigns
    where influencer is not null or coupon_code is not null
),

fees as (
    select cost_month as month, campaign, sum(amount_report) as fee
    from costs
    where category = 'influencer'
    group by all
),

coupon_orders as (
    select order_month as month, campaign, model, count(*) as coupon_orders, sum(revenue_credit) as coupon_revenue
    from credits
    where credited_by = 'coupon'
    group by all
),

final as (
    select
        campaigns_roi.month,
        campaigns_roi.campaign,
        campaigns_roi.model,
        influencers.name,
        influencers.influencer,
        influencers.coupon_code,
        coalesce(fees.fee, 0) as fee,
        campaigns_roi.total_cost - coalesce(fees.fee, 0) as other_cost,
        campaigns_roi.total_cost,
        coalesce(coupon_orders.coupon_orders, 0) as coupon_orders,
        coalesce(coupon_orders.coupon_revenue, 0) as coupon_revenue,
        campaigns_roi.conversions,
        campaigns_roi.revenue,
        campaigns_roi.gross_profit,
        campaigns_roi.roi,
        campaigns_roi.revenue_low,
        campaigns_roi.revenue_high,
        campaigns_roi.conversions_low,
        campaigns_roi.conversions_high,
        campaigns_roi.roi_low,
        campaigns_roi.roi_high,
        campaigns_roi.too_few_conversions,
    from campaigns_roi
    inner join influencers using (campaign)
    left join fees
        on fees.month = campaigns_roi.month
        and fees.campaign = campaigns_roi.campaign
    left join coupon_orders
        on coupon_orders.month = campaigns_roi.month
        and coupon_orders.campaign = campaigns_roi.campaign
        and coupon_orders.model = campaigns_roi.model
)

select * from final

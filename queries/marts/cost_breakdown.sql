-- Grain: one row per month, campaign and cost category (media, agency,
-- production, influencer, tools, staff, other), and per month and category a
-- row for campaign `all`, the month's total of the category (do not add
-- `all` rows to the others). Unique key: (month, campaign, category). Media is
-- platform spend; the rest comes from costs.csv, channel costs already spread
-- over the channel's campaigns.
-- metric total_cost [de] Gesamtkosten: Mediaausgaben + die Kosten aus costs.csv, die der Kampagne und dem Monat zugeordnet sind
-- metric total_cost [en] Total cost: media spend + the costs of costs.csv allocated to the campaign and month
-- metric total_cost [fr] Coût total: dépenses média + les coûts de costs.csv imputés à la campagne et au mois
-- test unique: month, campaign, category
-- test check: category in ('media', 'agency', 'production', 'influencer', 'tools', 'staff', 'other')
-- dataset [de] Je Monat, Kampagne und Kostenart (Media, Agentur, Produktion, Influencer, Tools, Personal, Sonstiges), dazu die Monatssumme je Art.
-- dataset [en] Per month, campaign and cost category (media, agency, production, influencer, tools, staff, other), with the month's total per category.
-- dataset [fr] Par mois, campagne et catégorie de coût (média, agence, production, influenceur, outils, personnel, autres), avec le total du mois par catégorie.
with ad_months as (
    select * from int_ad_monthly_mapped
),

costs as (
    select * from int_costs_allocated
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

amounts as (
    select month, campaign, 'media' as category, sum(spend_report) as amount
    from ad_months
    group by all
    union all
    select cost_month, campaign, category, sum(amount_report)
    from costs
    group by all
),

per_campaign as (
    select
        amounts.month,
        amounts.campaign,
        amounts.category,
        campaigns.name,
        coalesce(campaigns.channel, amounts.campaign) as channel,
        cast(round(sum(amounts.amount), 2) as decimal(18, 2)) as amount,
    from amounts
    left join campaigns using (campaign)
    group by all
    having sum(amounts.amount) <> 0
),

month_totals as (
    select
        month,
        'all' as campaign,
        category,
        cast(null as varchar) as name,
        cast(null as varchar) as channel,
        sum(amount) as amount,
    from per_campaign
    group by month, category
),

final as (
    select * from per_campaign
    union all
    select * from month_totals
)

select * from final

-- Grain: one row per month, campaign and attribution model.
-- Invariant: for every month and model, revenue adds up to the net revenue of
-- that month's orders (tests/attribution_reconciles.sql).
-- metric attributed_revenue [de] Zugeordneter Umsatz: Nettoumsatz, den das gewählte Attributionsmodell der Kampagne zuordnet
-- metric attributed_revenue [en] Attributed revenue: net revenue credited to the campaign by the chosen attribution model
-- metric attributed_revenue [fr] Chiffre d’affaires attribué: chiffre d’affaires net attribué à la campagne par le modèle d’attribution choisi
-- metric attributed_conversions [de] Zugeordnete Conversions: Conversions, die der Kampagne zugeordnet sind (Bruchteile bei Modellen mit mehreren Kontakten)
-- metric attributed_conversions [en] Attributed conversions: conversions credited to the campaign (fractions under multi-touch models)
-- metric attributed_conversions [fr] Conversions attribuées: conversions attribuées à la campagne (fractions sous les modèles multi-contacts)
-- metric gross_profit [de] Rohertrag: zugeordneter Umsatz × Rohertragsmarge (die `gross_margin` der Kampagne in campaigns.csv, sonst die von report.json)
-- metric gross_profit [en] Gross profit: attributed revenue x gross margin (the campaign's `gross_margin` in campaigns.csv, else report.json's)
-- metric gross_profit [fr] Marge brute: chiffre d’affaires attribué × taux de marge brute (le `gross_margin` de la campagne dans campaigns.csv, sinon celui de report.json)
-- test unique: month, campaign, model
-- test not_null: month, campaign, model
-- test check: revenue >= 0 and conversions >= 0
-- dataset [de] Je Monat, Kampagne und Attributionsmodell: zugeordneter Umsatz, Conversions und Rohertrag; je Monat und Modell ergibt der Umsatz den Nettoumsatz der Bestellungen.
-- dataset [en] Per month, campaign and attribution model: attributed revenue, conversions and gross profit; per month and model, revenue adds up to the net revenue of the orders.
-- dataset [fr] Par mois, campagne et modèle d’attribution : chiffre d’affaires attribué, conversions et marge brute ; par mois et par modèle, le chiffre d’affaires redonne le chiffre d’affaires net des commandes.
with credits as (
    select * from int_attribution_credits
),

settings as (
    select * from stg_report__settings
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

final as (
    select
        credits.order_month as month,
        credits.campaign,
        credits.model,
        sum(credits.conversion_credit) as conversions,
        sum(credits.revenue_credit) as revenue,
        cast(round(sum(credits.revenue_credit) * any_value(coalesce(campaigns.gross_margin, settings.gross_margin)), 2) as decimal(18, 2)) as gross_profit,
    from credits
    cross join settings
    left join campaigns using (campaign)
    group by credits.order_month, credits.campaign, credits.model
)

select * from final

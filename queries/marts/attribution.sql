-- Grain: one row per month, campaign and attribution model.
-- Invariant: for every month and model, revenue adds up to the net revenue of
-- that month's orders (tests/attribution_reconciles.sql).
-- metric Attributed revenue: net revenue credited to the campaign by the chosen attribution model
-- metric Attributed conversions: conversions credited to the campaign (fractions under multi-touch models)
-- metric Gross profit: attributed revenue x gross margin (the campaign's gross_margin in campaigns.csv, else report.json's)
-- test unique: month, campaign, model
-- test not_null: month, campaign, model
-- test check: revenue >= 0 and conversions >= 0
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

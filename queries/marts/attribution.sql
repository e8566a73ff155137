-- Grain: one row per month, campaign and attribution model.
-- Invariant: for every month and model, revenue adds up to the net revenue of
-- that month's orders (tests/attribution_reconciles.sql).
with credits as (
    select * from int_attribution_credits
),

settings as (
    select * from stg_report__settings
),

final as (
    select
        credits.order_month as month,
        credits.campaign,
        credits.model,
        sum(credits.conversion_credit) as conversions,
        sum(credits.revenue_credit) as revenue,
        cast(round(sum(credits.revenue_credit) * any_value(settings.gross_margin), 2) as decimal(18, 2)) as gross_profit,
    from credits
    cross join settings
    group by all
)

select * from final

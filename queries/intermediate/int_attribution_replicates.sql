-- One row per month, attribution model, credited campaign and bootstrap replicate:
-- the campaign's attributed revenue (cents) and conversions (millionths) in a
-- replicate of the seeded Poisson bootstrap over customers. Every interval of the
-- report is read from these sums (int_roi_intervals).
-- The rule: in replicate b (1 .. bootstrap_replicates) every customer counts
-- bootstrap_weight(customer, b) times (queries/macros.sql: a draw from Poisson(1)
-- made from a hash of the customer key and b), so a replicate's revenue is
-- sum over customers of weight x the customer's credits. The credits are the
-- report's own (int_attribution_credits): the data-driven model's shares stay
-- as fitted, and costs are not resampled. An order without a customer id is a
-- customer of its own (int_bootstrap_customers: the seed of a customer is their first
-- order's id). With bootstrap_replicates 0 the table is empty.
-- Worked example: campaign a, credits 10.00 from customer x and 5.00 from y;
-- weights 2 (x) and 0 (y) in replicate 1 make 20.00, weights 1 and 3 in
-- replicate 2 make 25.00.
-- Sums are whole cents and whole millionths held as doubles: exact below 2^53
-- (90 billion in money), so a sum is the same in every run whatever the order.
--
-- Mechanics: the obvious form (every credit joined with every replicate, then
-- summed) makes 200 rows of each of tens of millions of credits. Instead each
-- month and campaign holds its customers as a list, with one list of credits per
-- model in the same order; per replicate the weights are drawn once for the list
-- and every model's sum is a dot product of its credits with the weights.
-- Millions of rows at scale, read by the interval marts:
-- materialized: temporary
with credits as (
    select * from int_attribution_credits
),

customers as (
    select * from int_bootstrap_customers
),

settings as (
    select * from stg_report__settings
),

-- each customer's credits per month, campaign and model
customer_credits as (
    select
        credits.order_month as month,
        credits.campaign,
        credits.model,
        customers.seed,
        cast(sum(credits.revenue_credit) * 100 as double) as revenue_cents,
        cast(sum(credits.conversion_credit) * 1000000 as double) as conversion_micros,
    from credits
    inner join customers using (order_key)
    group by all
),

models as (
    select distinct model from customer_credits
),

campaign_customers as (
    select distinct month, campaign, seed from customer_credits
),

-- every customer of a month's campaign under every model (0 where a model gives none),
-- so that every model's list lines up with the customers' list
filled as (
    select
        campaign_customers.month,
        campaign_customers.campaign,
        campaign_customers.seed,
        models.model,
        coalesce(customer_credits.revenue_cents, 0) as revenue_cents,
        coalesce(customer_credits.conversion_micros, 0) as conversion_micros,
    from campaign_customers
    cross join models
    left join customer_credits using (month, campaign, seed, model)
),

per_model as (
    select
        month,
        campaign,
        model,
        list(seed order by seed) as seeds,
        list(revenue_cents order by seed) as revenue_cents,
        list(conversion_micros order by seed) as conversion_micros,
    from filled
    group by all
),

per_campaign as (
    select
        month,
        campaign,
        any_value(seeds) as seeds,
        list(model order by model) as models,
        list(revenue_cents order by model) as revenue_cents,
        list(conversion_micros order by model) as conversion_micros,
    from per_model
    group by all
),

replicates as (
    select unnest(range(1, settings.bootstrap_replicates + 1)) as replicate
    from settings
),

weighted as (
    select
        per_campaign.month,
        per_campaign.campaign,
        per_campaign.models,
        per_campaign.revenue_cents,
        per_campaign.conversion_micros,
        replicates.replicate,
        list_transform(per_campaign.seeds, seed -> cast(bootstrap_weight(seed, replicates.replicate) as double)) as weights,
    from per_campaign
    cross join replicates
),

summed as (
    select
        month,
        campaign,
        replicate,
        models,
        list_transform(revenue_cents, model_credits -> list_dot_product(model_credits, weights)) as revenue_cents,
        list_transform(conversion_micros, model_credits -> list_dot_product(model_credits, weights)) as conversion_micros,
    from weighted
),

final as (
    select
        month,
        campaign,
        unnest(models) as model,
        replicate,
        unnest(revenue_cents) as revenue_cents,
        unnest(conversion_micros) as conversion_micros,
    from summed
)

select * from final

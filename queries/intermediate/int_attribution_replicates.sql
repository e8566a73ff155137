-- One row per month, attribution model, credited campaign and bootstrap replicate:
-- the campaign's attributed revenue (cents) and conversions (millionths) in a
-- replicate of the seeded Poisson bootstrap over customers. Every interval of the
-- report is read from these sums (int_roi_intervals).
-- The rule: in replicate b (1 .. bootstrap_replicates) every customer counts
-- bootstrap_weight(customer, b) times (queries/macros.sql: a draw from Poisson(1)
-- made from a hash of the customer key and b), so a replicate's revenue is
-- sum over customers of weight x the customer's credits. The credits are the
-- report's own (int_attribution_conversion_credits): the data-driven model's
-- shares stay as fitted, and costs are not resampled. An order without a customer
-- id is a customer of its own (int_bootstrap_customers: the seed of a customer is
-- their first order's id). With bootstrap_replicates 0 the table is empty.
-- Worked example: campaign a, credits 10.00 from customer x and 5.00 from y;
-- weights 2 (x) and 0 (y) in replicate 1 make 20.00, weights 1 and 3 in
-- replicate 2 make 25.00.
-- Sums are whole cents and whole millionths held as doubles: exact below 2^53
-- (90 billion in money), so a sum is the same in every run whatever the order.
-- A campaign credited under one model has a row, of zeros where nothing is
-- credited, under every other model too.
--
-- Mechanics: the obvious form (every credit joined with every replicate, then
-- summed) makes 200 rows of each of tens of millions of credits. Instead each
-- month's campaign holds its credited orders as one list of seeds, numbered by
-- order key, and one list of credits per model in the same order (0 where the
-- model credits the order elsewhere). An order's seed is its customer's, so
-- weighting orders weights customers: sum over orders of weight x credit is
-- sum over customers of weight x (the customer's credits). Per replicate the
-- weights are drawn once for the list and each model's sum is a dot product.
-- Four replicates share a row: a campaign's credit lists are then copied to 50
-- rows rather than 200, which at scale cost more than the sums themselves.
-- Millions of rows at scale, read by int_roi_replicates:
-- materialized: temporary
with credits as (
    select * from int_attribution_conversion_credits
),

customers as (
    select * from int_bootstrap_customers
),

settings as (
    select * from stg_report__settings
),

-- every order a month's campaign is credited for under any model, numbered by order key
campaign_orders as (
    select
        month,
        campaign,
        order_key,
        row_number() over (partition by month, campaign order by order_key) as position,
    from (select distinct order_month as month, campaign, order_key from credits)
),

campaign_seeds as (
    select
        campaign_orders.month,
        campaign_orders.campaign,
        list(customers.seed order by campaign_orders.position) as seeds,
    from campaign_orders
    inner join customers using (order_key)
    group by all
),

models as (
    select distinct model from credits
),

-- each model's credits to the campaign's orders, in the order of the seeds
model_credits as (
    select
        campaign_orders.month,
        campaign_orders.campaign,
        models.model,
        list(cast(coalesce(credits.cents, 0) as double) order by campaign_orders.position) as revenue_cents,
        list(cast(coalesce(credits.micros, 0) as double) order by campaign_orders.position) as conversion_micros,
    from campaign_orders
    cross join models
    left join credits
        on credits.order_month = campaign_orders.month
        and credits.campaign = campaign_orders.campaign
        and credits.order_key = campaign_orders.order_key
        and credits.model = models.model
    group by all
),

-- replicates 1-4, 5-8, ...: the first of each four
replicate_quads as (
    select unnest(range(1, settings.bootstrap_replicates + 1, 4)) as first_replicate
    from settings
),

weights as (
    select
        campaign_seeds.month,
        campaign_seeds.campaign,
        replicate_quads.first_replicate,
        bootstrap_weights(campaign_seeds.seeds, replicate_quads.first_replicate) as weights_1,
        bootstrap_weights(campaign_seeds.seeds, replicate_quads.first_replicate + 1) as weights_2,
        bootstrap_weights(campaign_seeds.seeds, replicate_quads.first_replicate + 2) as weights_3,
        bootstrap_weights(campaign_seeds.seeds, replicate_quads.first_replicate + 3) as weights_4,
    from campaign_seeds
    cross join replicate_quads
),

summed as (
    select
        model_credits.month,
        model_credits.campaign,
        model_credits.model,
        weights.first_replicate,
        [
            list_dot_product(model_credits.revenue_cents, weights.weights_1),
            list_dot_product(model_credits.revenue_cents, weights.weights_2),
            list_dot_product(model_credits.revenue_cents, weights.weights_3),
            list_dot_product(model_credits.revenue_cents, weights.weights_4),
        ] as revenue_cents,
        [
            list_dot_product(model_credits.conversion_micros, weights.weights_1),
            list_dot_product(model_credits.conversion_micros, weights.weights_2),
            list_dot_product(model_credits.conversion_micros, weights.weights_3),
            list_dot_product(model_credits.conversion_micros, weights.weights_4),
        ] as conversion_micros,
    from model_credits
    inner join weights using (month, campaign)
),

final as (
    select
        summed.month,
        summed.campaign,
        summed.model,
        summed.first_replicate + quad_offsets.step as replicate,
        summed.revenue_cents[quad_offsets.step + 1] as revenue_cents,
        summed.conversion_micros[quad_offsets.step + 1] as conversion_micros,
    from summed
    cross join settings
    cross join (select unnest(range(0, 4)) as step) as quad_offsets
    where summed.first_replicate + quad_offsets.step <= settings.bootstrap_replicates
)

select * from final

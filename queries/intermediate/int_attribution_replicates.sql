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
-- credited, under every other model that credits anything in the month too. A
-- month's rows read that month's credits only, so a later month changes none of
-- them (and the monthly run computes only the months whose credits changed,
-- pipeline/incremental-transform.ts).
--
-- Mechanics: the obvious form (every credit joined with every replicate, then
-- summed) makes 200 rows of each of tens of millions of credits. Instead each
-- month's campaign is one row: its credited orders as one list of seeds, in order
-- of order key, and per model one list of credits in the same order (0 where the
-- model credits the order elsewhere). An order's seed is its customer's, so
-- weighting orders weights customers: sum over orders of weight x credit is
-- sum over customers of weight x (the customer's credits). Per replicate the
-- weights are drawn once for the campaign's list and each model's sum is a dot
-- product with it. The campaign's lists stay in one row until the weights are
-- drawn, so no join copies them (a join per model and replicate copied each
-- campaign's lists 200 times and cost more than the sums; docs/performance.md).
-- The lists over orders are built as list_sort of (order key, value) structs rather
-- than as ordered aggregates (list(x order by order_key)): the same lists, but an
-- ordered aggregate buffers every group's rows apart until the end, which at scale
-- 100 took more than 8 GB here; sorted structs fit in 6 GB (docs/performance.md).
-- The lists of all months together do not fit a small memory limit, and DuckDB cannot
-- spill a list aggregate. So the months are taken in steps of about 4 million credits
-- (a month at least; the whole year of a small shop is one step): a recursive CTE whose
-- every round builds and sums the lists of one step's months only, so the lists in
-- memory at once are one step's. At scale 100 that is 15 months in 9 steps, and the
-- file completes under a 3 GB limit, where all months at once needed 6 GB; the rounds
-- cost about 7 s there (48 s against 41 s; docs/performance.md).
-- Millions of rows at scale, read by int_roi_replicates; kept in the warehouse, so
-- that the next run computes only the months whose credits changed:
-- materialized: table
with recursive settings as (
    select * from stg_report__settings
),

-- with bootstrap_replicates 0 no credit is read, so that switching the intervals off
-- saves the lists below too (at scale they need more memory than anything else in the run);
-- not materialized: its readers scan the table (a copy of its 40 M rows at scale 100 cost
-- more than the three scans, docs/performance.md)
credits as not materialized (
    select * from int_attribution_conversion_credits
    where (select bootstrap_replicates from settings) > 0
),

-- what the rounds below read is materialized: computed once, not again in every round
customers as materialized (
    select * from int_bootstrap_customers
),

month_models as materialized (
    select distinct order_month as month, model from credits
),

replicates as materialized (
    select unnest(range(1, settings.bootstrap_replicates + 1)) as replicate
    from settings
),

-- the months in steps of about 4 million credits: a month starts a new step when the
-- credits of the months before it fill a further 4 million (so a month is never split)
month_credits as (
    select order_month as month, count(*) as credits,
    from credits
    group by order_month
),

steps as materialized (
    select
        month,
        dense_rank() over (order by coalesce(credits_before, 0) // 4000000) as step,
    from (
        select
            month,
            sum(credits) over (order by month rows between unbounded preceding and 1 preceding) as credits_before,
        from month_credits
    )
),

-- each credit with its step, so that a round picks its credits by a number
stepped_credits as materialized (
    select credits.*, steps.step,
    from credits
    inner join steps on steps.month = credits.order_month
),

-- round 0 is an empty start row; round n sums the months of step n; the rounds end with
-- the last step (a round after it finds no months and adds no rows)
step_sums as (
    select
        0 as step,
        null::varchar as month,
        null::varchar as campaign,
        null::varchar as model,
        null::bigint as replicate,
        null::double as revenue_cents,
        null::double as conversion_micros,
    union all
    select * from (
        with this_step as (
            select distinct step + 1 as step from step_sums
        ),

        step_credits as materialized (
            select * from stepped_credits
            where step = (select step from this_step)
        ),

        -- every order a month's campaign is credited for under any model
        campaign_orders as (
            select distinct order_month as month, campaign, order_key from step_credits
        ),

        campaign_seeds as (
            select
                campaign_orders.month,
                campaign_orders.campaign,
                list_transform(list_sort(list({'order_key': campaign_orders.order_key, 'seed': customers.seed})), pair -> pair.seed) as seeds,
            from campaign_orders
            inner join customers using (order_key)
            group by all
        ),

        -- each model's credits to the campaign's orders, in the order of the seeds
        model_credits as (
            select
                campaign_orders.month,
                campaign_orders.campaign,
                month_models.model,
                list_sort(list({
                    'order_key': campaign_orders.order_key,
                    'cents': cast(coalesce(step_credits.cents, 0) as double),
                    'micros': cast(coalesce(step_credits.micros, 0) as double),
                })) as credits,
            from campaign_orders
            inner join month_models on month_models.month = campaign_orders.month
            left join step_credits
                on step_credits.order_month = campaign_orders.month
                and step_credits.campaign = campaign_orders.campaign
                and step_credits.order_key = campaign_orders.order_key
                and step_credits.model = month_models.model
            group by all
        ),

        -- one row per month's campaign: its seeds and, model by model, its credit lists
        campaigns as (
            select
                campaign_seeds.month,
                campaign_seeds.campaign,
                any_value(campaign_seeds.seeds) as seeds,
                list(model_credits.model order by model_credits.model) as models,
                list(list_transform(model_credits.credits, credit -> credit.cents) order by model_credits.model) as revenue_cents,
                list(list_transform(model_credits.credits, credit -> credit.micros) order by model_credits.model) as conversion_micros,
            from campaign_seeds
            inner join model_credits using (month, campaign)
            group by all
        ),

        weighted as (
            select
                campaigns.month,
                campaigns.campaign,
                replicates.replicate,
                campaigns.models,
                campaigns.revenue_cents,
                campaigns.conversion_micros,
                bootstrap_weights(campaigns.seeds, replicates.replicate) as weights,
            from campaigns
            cross join replicates
        ),

        -- the campaign's row in a replicate, once per model, with the replicate's weights
        model_weighted as (
            select
                month,
                campaign,
                replicate,
                unnest(models) as model,
                unnest(revenue_cents) as revenue_credits,
                unnest(conversion_micros) as conversion_credits,
                weights,
            from weighted
        )

        select
            (select step from this_step) as step,
            month,
            campaign,
            model,
            replicate,
            list_dot_product(revenue_credits, weights) as revenue_cents,
            list_dot_product(conversion_credits, weights) as conversion_micros,
        from model_weighted
    )
),

final as (
    select month, campaign, model, replicate, revenue_cents, conversion_micros,
    from step_sums
    where step > 0
)

select * from final

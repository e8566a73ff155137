-- Grain: one row per experiment of experiments.csv (its line) and month its days
-- touch, so that each month's attribution page shows the experiments running in it;
-- every figure is over the experiment's whole period, whichever month the row is for.
-- Unique key: (month, source_line).
-- Three answers to one question, side by side: what the platform claims (its own
-- conversions or conversion value, or its ROAS, over the experiment's days), what
-- attribution credits under the report's model (attribution_model in report.json) to
-- the same campaigns over exactly those days in the report time zone, with a bootstrap
-- interval, and what the experiment measured, with its interval. An experiment names a
-- campaign, or a channel: then every campaign of that channel in campaigns.csv.
-- metric attribution_to_experiment [de] Attribution ÷ Experiment: was die Attribution den Kampagnen des Experiments über seine Tage zuordnet ÷ das zusätzliche Ergebnis, das das Experiment gemessen hat (Conversions, Umsatz oder ROAS gegen iROAS); über 1 ordnet die Attribution mehr zu, als das Experiment an Wirkung der Anzeigen fand; leer, wenn das Experiment nichts über 0 gemessen hat
-- metric attribution_to_experiment [en] Attribution ÷ experiment: what attribution credits the experiment's campaigns over its days / the incremental result the experiment measured (conversions, revenue, or ROAS against iROAS); above 1 attribution credits more than the experiment found the ads caused; empty when the experiment measured nothing above 0
-- metric attribution_to_experiment [fr] Attribution ÷ expérience: ce que l’attribution crédite aux campagnes de l’expérience sur ses jours ÷ le résultat incrémental mesuré par l’expérience (conversions, chiffre d’affaires, ou ROAS face à l’iROAS) ; au-dessus de 1, l’attribution crédite plus que l’effet des annonces trouvé par l’expérience ; vide si l’expérience n’a rien mesuré au-dessus de 0
-- metric platform_to_experiment [de] Plattform ÷ Experiment: was die Plattform für die Kampagnen des Experiments über seine Tage meldet ÷ das zusätzliche Ergebnis, das das Experiment gemessen hat; leer, wenn die Plattform keine solche Zahl meldet oder das Experiment nichts über 0 gemessen hat
-- metric platform_to_experiment [en] Platform ÷ experiment: what the platform reports for the experiment's campaigns over its days / the incremental result the experiment measured; empty when the platform reports no such figure or the experiment measured nothing above 0
-- metric platform_to_experiment [fr] Plateforme ÷ expérience: ce que la plateforme déclare pour les campagnes de l’expérience sur ses jours ÷ le résultat incrémental mesuré par l’expérience ; vide si la plateforme ne déclare pas ce chiffre ou si l’expérience n’a rien mesuré au-dessus de 0
-- The three sides, per metric of the experiment:
--   conversions: attributed conversions, platform conversions, incremental conversions;
--   revenue: attributed revenue, platform conversion value, incremental revenue;
--   iroas: attributed revenue / media spend, platform conversion value / media spend of
--     the rows that report one, the experiment's iROAS.
-- Platform figures and media spend come from the platforms' daily rows on the
-- experiment's days (a platform's day as it reports it); a monthly or other period row
-- is not split into days here, so a campaign known only from period rows has none.
-- The experiment's interval: ci_low – ci_high as given, at its ci_level; or from its
-- standard error, estimate ± z × standard_error at the report's interval_level (z the
-- normal quantile of (1 + level) / 2: 1.645 for 90 %); none without either.
-- The attributed interval: a seeded Poisson bootstrap over customers (bootstrap_weight,
-- queries/macros.sql): in each of bootstrap_replicates replicates every customer's
-- credits on the experiment's days count bootstrap_weight(customer, replicate) times;
-- low and high are the (1 - interval_level) / 2 and (1 + interval_level) / 2 quantiles
-- of the replicate sums, the elements quantile_disc picks. Costs stay as booked: an
-- iROAS comparison divides each replicate's revenue by the same media spend. With 0
-- replicates the interval is empty. Only the credits of campaigns with an experiment
-- are resampled (experiments are few: the credits of their days times the replicates).
-- Uses the macro bootstrap_weight (queries/macros.sql).
-- test unique: month, source_line
-- test not_null: month, experiment_id, metric
-- dataset [de] Je Experiment und Monat: was die Plattform meldet, was die Attribution zuordnet und was das Experiment gemessen hat, mit Verhältnissen.
-- dataset [en] Per experiment and month: what the platform reports, what attribution credits and what the experiment measured, with ratios.
-- dataset [fr] Par expérience et par mois : ce que déclare la plateforme, ce que crédite l’attribution et ce qu’a mesuré l’expérience, avec les ratios.
with experiments as (
    select * from stg_experiments__results
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

settings as (
    select * from stg_report__settings
),

ad_days as (
    select * from int_ad_daily_mapped
),

credits as (
    select * from int_attribution_credits
),

orders as (
    select * from int_orders_net
),

bootstrap_customers as (
    select * from int_bootstrap_customers
),

-- the experiment's channel: the one it names, or its campaign's
located as (
    select
        experiments.*,
        case when experiments.target_kind = 'channel' then experiments.target else target_campaign.channel end as channel,
        case when experiments.target_kind = 'campaign' then experiments.target end as campaign,
        target_campaign.name as campaign_name,
    from experiments
    left join campaigns as target_campaign
        on experiments.target_kind = 'campaign'
        and target_campaign.campaign = experiments.target
),

-- the campaigns an experiment covers: its campaign, or every campaign of its channel
experiment_campaigns as (
    select
        located.source_line,
        campaigns.campaign,
    from located
    inner join campaigns
        on (located.target_kind = 'campaign' and campaigns.campaign = located.target)
        or (located.target_kind = 'channel' and campaigns.channel = located.target)
),

claims as (
    select
        experiment_campaigns.source_line,
        sum(ad_days.spend_report) as media_spend,
        sum(ad_days.conversions) as platform_conversions,
        sum(ad_days.conversion_value_report) as platform_conversion_value,
        sum(ad_days.spend_report) filter (where ad_days.conversion_value_report is not null) as spend_with_conversion_value,
    from experiment_campaigns
    inner join located using (source_line)
    inner join ad_days
        on ad_days.campaign = experiment_campaigns.campaign
        and ad_days.report_date between located.start_date and located.end_date
    group by all
),

-- the credits the report's model gives the experiment's campaigns for orders on its days,
-- with the order's customer as the bootstrap resamples it (an order without a customer
-- is a customer of its own)
period_credits as (
    select
        experiment_campaigns.source_line,
        bootstrap_customers.seed as customer_seed,
        credits.revenue_credit,
        credits.conversion_credit,
    from credits
    cross join settings
    inner join experiment_campaigns
        on experiment_campaigns.campaign = credits.campaign
    inner join located
        on located.source_line = experiment_campaigns.source_line
    inner join orders
        on orders.order_key = credits.order_key
    inner join bootstrap_customers
        on bootstrap_customers.order_key = credits.order_key
    where credits.model = settings.attribution_model
        and orders.order_date between located.start_date and located.end_date
),

attributed as (
    select
        source_line,
        sum(revenue_credit) as attributed_revenue,
        sum(conversion_credit) as attributed_conversions,
    from period_credits
    group by all
),

replicates as (
    select unnest(range(1, settings.bootstrap_replicates + 1)) as replicate
    from settings
),

-- every experiment in every replicate, also one without credits (its sums are 0)
replicate_sums as (
    select
        located.source_line,
        replicates.replicate,
        coalesce(sum(period_credits.revenue_credit * bootstrap_weight(period_credits.customer_seed, replicates.replicate)), 0) as revenue,
        coalesce(sum(period_credits.conversion_credit * bootstrap_weight(period_credits.customer_seed, replicates.replicate)), 0) as conversions,
    from located
    cross join replicates
    left join period_credits
        on period_credits.source_line = located.source_line
    group by all
),

-- low and high as quantile_disc picks them, which takes only a constant quantile: the
-- ⌈n × q⌉-th smallest of the n replicate sums (at least the first), e.g. of 200
-- replicates at 90 % the 10th and the 190th
ranked as (
    select
        source_line,
        revenue,
        conversions,
        row_number() over (partition by source_line order by revenue) as revenue_rank,
        row_number() over (partition by source_line order by conversions) as conversions_rank,
        count(*) over (partition by source_line) as n,
    from replicate_sums
),

attributed_intervals as (
    select
        ranked.source_line,
        any_value(ranked.revenue) filter (where ranked.revenue_rank = greatest(1, ceil(ranked.n * (1 - cast(settings.interval_level as decimal(18, 9))) * 0.5))) as revenue_low,
        any_value(ranked.revenue) filter (where ranked.revenue_rank = greatest(1, ceil(ranked.n * (1 + cast(settings.interval_level as decimal(18, 9))) * 0.5))) as revenue_high,
        any_value(ranked.conversions) filter (where ranked.conversions_rank = greatest(1, ceil(ranked.n * (1 - cast(settings.interval_level as decimal(18, 9))) * 0.5))) as conversions_low,
        any_value(ranked.conversions) filter (where ranked.conversions_rank = greatest(1, ceil(ranked.n * (1 + cast(settings.interval_level as decimal(18, 9))) * 0.5))) as conversions_high,
    from ranked
    cross join settings
    group by ranked.source_line
),

-- z, the standard normal quantile of p = (1 + interval_level) / 2 (DuckDB has no inverse
-- normal), by Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), exact to
-- about 1e-16 for any level up to 1 - 2.8e-11: 1.6448536269514722 for a 90 % interval,
-- 1.9599639845400540 for 95 %
normal_quantile as (
    select
        interval_level,
        case
            when q <= 0.425 then
                q * (((((((2.5090809287301226727e+3 * r1 + 3.3430575583588128105e+4) * r1 + 6.7265770927008700853e+4) * r1 + 4.5921953931549871457e+4) * r1 + 1.3731693765509461125e+4) * r1 + 1.9715909503065514427e+3) * r1 + 1.3314166789178437745e+2) * r1 + 3.3871328727963666080e0)
                / (((((((5.2264952788528545610e+3 * r1 + 2.8729085735721942674e+4) * r1 + 3.9307895800092710610e+4) * r1 + 2.1213794301586595867e+4) * r1 + 5.3941960214247511077e+3) * r1 + 6.8718700749205790830e+2) * r1 + 4.2313330701600911252e+1) * r1 + 1)
            else
                (((((((7.74545014278341407640e-4 * r2 + 2.27238449892691845833e-2) * r2 + 2.41780725177450611770e-1) * r2 + 1.27045825245236838258e0) * r2 + 3.64784832476320460504e0) * r2 + 5.76949722146069140550e0) * r2 + 4.63033784615654529590e0) * r2 + 1.42343711074968357734e0)
                / (((((((1.05075007164441684324e-9 * r2 + 5.47593808499534494600e-4) * r2 + 1.51986665636164571966e-2) * r2 + 1.48103976427480074590e-1) * r2 + 6.89767334985100004550e-1) * r2 + 1.67638483018380384940e0) * r2 + 2.05319162663775882187e0) * r2 + 1)
        end as z,
    from (
        select
            interval_level,
            -- q = p - 0.5, p = (1 + level) / 2
            cast(interval_level as double) / 2 as q,
            0.180625 - q * q as r1,
            sqrt(-ln(1 - (1 + cast(interval_level as double)) / 2)) - 1.6 as r2,
        from settings
    )
),

measured as (
    select
        located.source_line,
        cast(located.estimate as double) as experiment_estimate,
        case
            when located.ci_low is not null then cast(located.ci_low as double)
            when located.standard_error is not null then located.estimate - normal_quantile.z * located.standard_error
        end as experiment_low,
        case
            when located.ci_high is not null then cast(located.ci_high as double)
            when located.standard_error is not null then located.estimate + normal_quantile.z * located.standard_error
        end as experiment_high,
        case
            when located.ci_low is not null then cast(located.ci_level as double)
            when located.standard_error is not null then cast(normal_quantile.interval_level as double)
        end as experiment_level,
    from located
    cross join normal_quantile
),

sides as (
    select
        located.source_line,
        located.source_file,
        located.experiment_id,
        located.target_kind,
        located.channel,
        located.campaign,
        located.campaign_name,
        located.start_date,
        located.end_date,
        located.end_date - located.start_date + 1 as days,
        located.metric,
        located.source,
        located.note,
        settings.attribution_model as model,
        cast(settings.interval_level as double) as interval_level,
        settings.bootstrap_replicates as replicates,
        cast(round(coalesce(claims.media_spend, 0), 2) as decimal(18, 2)) as media_spend,
        claims.platform_conversions,
        cast(round(claims.platform_conversion_value, 2) as decimal(18, 2)) as platform_conversion_value,
        coalesce(attributed.attributed_revenue, 0) as attributed_revenue,
        coalesce(attributed.attributed_conversions, 0) as attributed_conversions,
        -- what each side says in the experiment's metric
        case located.metric
            when 'conversions' then coalesce(attributed.attributed_conversions, 0)
            when 'revenue' then coalesce(attributed.attributed_revenue, 0)
            when 'iroas' then case when claims.media_spend > 0 then coalesce(attributed.attributed_revenue, 0) / claims.media_spend end
        end as attributed_value,
        case located.metric
            when 'conversions' then attributed_intervals.conversions_low
            when 'revenue' then attributed_intervals.revenue_low
            when 'iroas' then case when claims.media_spend > 0 then attributed_intervals.revenue_low / claims.media_spend end
        end as attributed_low,
        case located.metric
            when 'conversions' then attributed_intervals.conversions_high
            when 'revenue' then attributed_intervals.revenue_high
            when 'iroas' then case when claims.media_spend > 0 then attributed_intervals.revenue_high / claims.media_spend end
        end as attributed_high,
        case located.metric
            when 'conversions' then claims.platform_conversions
            when 'revenue' then claims.platform_conversion_value
            when 'iroas' then case when claims.spend_with_conversion_value > 0 then claims.platform_conversion_value / claims.spend_with_conversion_value end
        end as platform_value,
        measured.experiment_estimate,
        measured.experiment_low,
        measured.experiment_high,
        measured.experiment_level,
    from located
    cross join settings
    inner join measured using (source_line)
    left join claims using (source_line)
    left join attributed using (source_line)
    left join attributed_intervals using (source_line)
),

months as (
    select
        source_line,
        strftime(unnest(generate_series(date_trunc('month', start_date), date_trunc('month', end_date), interval 1 month)), '%Y-%m') as month,
    from located
),

final as (
    select
        months.month,
        sides.* exclude (attributed_value, attributed_low, attributed_high, platform_value),
        cast(sides.attributed_value as double) as attributed_value,
        cast(sides.attributed_low as double) as attributed_low,
        cast(sides.attributed_high as double) as attributed_high,
        cast(sides.platform_value as double) as platform_value,
        case when sides.experiment_estimate > 0 then cast(sides.attributed_value as double) / sides.experiment_estimate end as attribution_to_experiment,
        case when sides.experiment_estimate > 0 then cast(sides.platform_value as double) / sides.experiment_estimate end as platform_to_experiment,
    from months
    inner join sides using (source_line)
)

select * from final

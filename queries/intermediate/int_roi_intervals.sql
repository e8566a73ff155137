-- One row per month, attribution model, grain and key of int_roi_replicates: the
-- interval of each figure at the report's interval_level (default 0.9: from the
-- 5 % quantile of the replicates to the 95 %), and how often ROI is above and
-- below 0, for campaign_roi, channel_roi, influencer_roi and monthly_trend.
-- Low and high are replicate_quantile's (queries/macros.sql): of 200 replicates at
-- 90 %, the 10th and the 190th smallest. Revenue, conversions, gross profit, ROAS
-- and ROI are taken over the replicates' own values. CPA is cost / conversions
-- with the cost fixed, so its low end is the cost over conversions' high end and
-- its high end the cost over conversions' low end (none when that is 0: no upper
-- bound).
-- roi_above_zero_share / roi_below_zero_share: the share of replicates with ROI
-- above / below 0, which the verdicts compare with interval_level (roi_verdicts).
-- metric interval [de] Intervall (unten – oben): der Bereich, der die mittleren `interval_level` (90 %) der Bootstrap-Wiederholungen einer Zahl enthält: Kundinnen und Kunden mit festen Poisson(1)-Gewichten neu gezogen, Kosten wie gebucht, die Anteile der Modelle wie angepasst
-- metric interval [en] Interval (low – high): the range that holds the middle `interval_level` (90 %) of the bootstrap replicates of a figure: customers resampled with seeded Poisson(1) weights, costs as booked, the models' shares as fitted
-- metric interval [fr] Intervalle (bas – haut): la plage qui contient les `interval_level` (90 %) centraux des réplications bootstrap d’un chiffre : clients rééchantillonnés avec des poids de Poisson(1) à graine fixe, coûts tels que comptabilisés, parts des modèles telles qu’ajustées
-- CPA's interval is empty where nothing is spent (unattributed orders), as CPA itself means nothing there.
-- test unique: month, model, grain, key
-- test check: revenue_low <= revenue_high and conversions_low <= conversions_high
with replicate_figures as (
    select * from int_roi_replicates
),

settings as (
    select * from stg_report__settings
),

collected as (
    select
        month,
        model,
        grain,
        key,
        any_value(total_cost) as total_cost,
        count(*) as replicates,
        list(revenue_cents) as revenue_cents,
        list(conversion_micros) as conversion_micros,
        list(gross_profit_cents) as gross_profit_cents,
        list(roas) as roas,
        list(roi) as roi,
        -- a sum of whole cents is exact in any order: the mean is the same in every run
        sum(revenue_cents) / count(*) / 100 as revenue_mean,
        -- none where ROI is undefined (no cost)
        case when count(roi) > 0 then count(*) filter (where roi > 0) / count(*) end as roi_above_zero_share,
        case when count(roi) > 0 then count(*) filter (where roi < 0) / count(*) end as roi_below_zero_share,
    from replicate_figures
    group by all
),

bounds as (
    select
        collected.month,
        collected.model,
        collected.grain,
        collected.key,
        collected.replicates,
        collected.revenue_mean,
        replicate_quantile(collected.revenue_cents, (1 - settings.interval_level) / 2) as revenue_low,
        replicate_quantile(collected.revenue_cents, (1 + settings.interval_level) / 2) as revenue_high,
        replicate_quantile(collected.conversion_micros, (1 - settings.interval_level) / 2) as conversions_low,
        replicate_quantile(collected.conversion_micros, (1 + settings.interval_level) / 2) as conversions_high,
        replicate_quantile(collected.gross_profit_cents, (1 - settings.interval_level) / 2) as gross_profit_low,
        replicate_quantile(collected.gross_profit_cents, (1 + settings.interval_level) / 2) as gross_profit_high,
        replicate_quantile(collected.roas, (1 - settings.interval_level) / 2) as roas_low,
        replicate_quantile(collected.roas, (1 + settings.interval_level) / 2) as roas_high,
        replicate_quantile(collected.roi, (1 - settings.interval_level) / 2) as roi_low,
        replicate_quantile(collected.roi, (1 + settings.interval_level) / 2) as roi_high,
        collected.total_cost,
        collected.roi_above_zero_share,
        collected.roi_below_zero_share,
    from collected
    cross join settings
),

final as (
    select
        month,
        model,
        grain,
        key,
        replicates,
        cast(revenue_low as decimal(18, 0)) * 0.01 as revenue_low,
        cast(revenue_high as decimal(18, 0)) * 0.01 as revenue_high,
        revenue_mean,
        cast(conversions_low as decimal(18, 0)) * 0.000001 as conversions_low,
        cast(conversions_high as decimal(18, 0)) * 0.000001 as conversions_high,
        cast(gross_profit_low as decimal(18, 0)) * 0.01 as gross_profit_low,
        cast(gross_profit_high as decimal(18, 0)) * 0.01 as gross_profit_high,
        roas_low,
        roas_high,
        roi_low,
        roi_high,
        -- (bounds' conversions are millionths)
        case when bounds.total_cost > 0 and bounds.conversions_high > 0 then cast(round(bounds.total_cost / (bounds.conversions_high / 1000000), 2) as decimal(18, 2)) end as cpa_low,
        case when bounds.total_cost > 0 and bounds.conversions_low > 0 then cast(round(bounds.total_cost / (bounds.conversions_low / 1000000), 2) as decimal(18, 2)) end as cpa_high,
        roi_above_zero_share,
        roi_below_zero_share,
    from bounds
)

select * from final

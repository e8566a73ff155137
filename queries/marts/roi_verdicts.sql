-- Grain: one row per month, grain ('campaign' or 'channel') and key (the campaign or
-- the channel) that has costs. Unique key: (month, grain, key).
-- What the bootstrap lets the report claim about each campaign's and channel's ROI
-- (int_roi_intervals): under one model, ROI is robustly above 0 when at least
-- interval_level of the replicates (90 % by default) have it above 0, robustly below
-- 0 in the mirror case.
-- metric verdict [de] Urteil: spielt Kosten ein (ROI unter jedem Modell sicher über 0), verliert Geld (unter jedem Modell sicher unter 0), hängt vom Modell ab (sicher unter manchen Modellen, nicht unter allen oder nicht gleich), unsicher (unter keinem sicher); leer ohne Kosten oder ohne Bootstrap-Wiederholungen
-- metric verdict [en] Verdict: earns its cost (ROI robustly above 0 under every model), loses money (robustly below 0 under every model), depends on the model (robust under some models, not all or not the same way), uncertain (robust under none); empty without costs or without bootstrap replicates
-- metric verdict [fr] Verdict: couvre ses coûts (ROI sûrement supérieur à 0 sous chaque modèle), perd de l’argent (sûrement inférieur à 0 sous chaque modèle), dépend du modèle (sûr sous certains modèles, pas tous ou pas de la même façon), incertain (sûr sous aucun) ; vide sans coûts ou sans réplications bootstrap
-- metric too_few_conversions [de] Zu wenige Conversions: weniger zugeordnete Conversions im Monat unter dem Modell des Berichts als `min_conversions` (report.json, Vorgabe 20); das Intervall wird gezeigt, auf das Urteil ist kein Verlass
-- metric too_few_conversions [en] Too few conversions: fewer attributed conversions in the month under the report's model than `min_conversions` (report.json, default 20); the interval is shown, the verdict is not to be leaned on
-- metric too_few_conversions [fr] Trop peu de conversions: moins de conversions attribuées dans le mois sous le modèle du rapport que `min_conversions` (report.json, 20 par défaut) ; l’intervalle est affiché, le verdict n’est pas fiable
-- test unique: month, grain, key
-- test not_null: month, grain, key, models
-- dataset [de] Je Monat und Kampagne oder Kanal mit Kosten: das Urteil über den ROI aus dem Bootstrap (spielt Kosten ein, verliert Geld, hängt vom Modell ab, unsicher).
-- dataset [en] Per month and campaign or channel with costs: the verdict on ROI from the bootstrap (earns its cost, loses money, depends on the model, uncertain).
-- dataset [fr] Par mois et par campagne ou canal avec coûts : le verdict sur le ROI issu du bootstrap (couvre ses coûts, perd de l’argent, dépend du modèle, incertain).
with intervals as (
    select * from int_roi_intervals
),

campaigns_roi as (
    select * from campaign_roi
),

-- a messaging campaign is judged on its conversations, never on ROI: no verdict
objectives as (
    select * from int_campaign_objectives
),

settings as (
    select * from stg_report__settings
),

per_key as (
    select
        intervals.month,
        intervals.grain,
        intervals.key,
        count(*) filter (where intervals.roi_above_zero_share is not null) as models,
        count(*) filter (where intervals.roi_above_zero_share >= settings.interval_level) as models_earning,
        count(*) filter (where intervals.roi_below_zero_share >= settings.interval_level) as models_losing,
        string_agg(intervals.model, ',' order by intervals.model) filter (where intervals.roi_above_zero_share >= settings.interval_level) as earning_models,
        string_agg(intervals.model, ',' order by intervals.model) filter (where intervals.roi_below_zero_share >= settings.interval_level) as losing_models,
        any_value(intervals.roi_above_zero_share) filter (where intervals.model = settings.attribution_model) as roi_above_zero_share,
        any_value(intervals.roi_below_zero_share) filter (where intervals.model = settings.attribution_model) as roi_below_zero_share,
    from intervals
    cross join settings
    where intervals.grain in ('campaign', 'channel')
        -- unmapped spend and unattributed orders are neither campaigns nor channels
        and intervals.key not in ('unattributed', 'unmapped')
        and not (intervals.grain = 'campaign' and intervals.key in (select campaign from objectives where objective = 'messaging'))
    group by all
),

selected_conversions as (
    select 'campaign' as grain, month, campaign as key, conversions
    from campaigns_roi cross join settings
    where campaigns_roi.model = settings.attribution_model
    union all
    -- a channel's conversions as channel_roi sums them, from its campaigns (read here rather
    -- than from channel_roi, which stays a leaf that `npm run dev` re-runs alone)
    select 'channel' as grain, month, channel as key, sum(conversions) as conversions
    from campaigns_roi cross join settings
    where campaigns_roi.model = settings.attribution_model
    group by all
),

final as (
    select
        per_key.month,
        per_key.grain,
        per_key.key,
        case
            when per_key.models = 0 then null
            when per_key.models_earning = per_key.models then 'earns'
            when per_key.models_losing = per_key.models then 'loses'
            when per_key.models_earning + per_key.models_losing > 0 then 'depends_on_model'
            else 'uncertain'
        end as verdict,
        per_key.models,
        per_key.models_earning,
        per_key.models_losing,
        per_key.earning_models,
        per_key.losing_models,
        per_key.roi_above_zero_share,
        per_key.roi_below_zero_share,
        coalesce(selected_conversions.conversions, 0) as conversions,
        coalesce(selected_conversions.conversions, 0) < settings.min_conversions as too_few_conversions,
    from per_key
    cross join settings
    left join selected_conversions using (month, grain, key)
    where per_key.models > 0
)

select * from final

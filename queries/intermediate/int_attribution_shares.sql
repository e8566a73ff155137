-- One row per conversion, attribution model and credited campaign: the
-- campaign's exact share (0..1) of the conversion under the model, over the
-- conversion's path (after the path transform). Each model's shares of one
-- conversion add up to 1. The models, one CTE each below:
-- model last_touch [en] Last touch: the last touch before the order gets all the credit.
-- model last_touch [de] Letzter Kontakt: Der letzte Kontakt vor der Bestellung erhält den ganzen Umsatz.
-- model last_touch [fr] Dernier contact: Le dernier contact avant la commande reçoit tout le chiffre d’affaires.
-- model first_touch [en] First touch: the first touch in the lookback window gets all the credit.
-- model first_touch [de] Erster Kontakt: Der erste Kontakt im Betrachtungszeitraum erhält den ganzen Umsatz.
-- model first_touch [fr] Premier contact: Le premier contact dans la fenêtre d’attribution reçoit tout le chiffre d’affaires.
-- model linear [en] Linear: every touch in the lookback window gets an equal share.
-- model linear [de] Linear: Alle Kontakte im Betrachtungszeitraum erhalten gleiche Anteile.
-- model linear [fr] Linéaire: Tous les contacts de la fenêtre d’attribution reçoivent des parts égales.
-- model position_based [en] Position-based: the first touch gets {position_based_first}, the last {position_based_last}, the touches between share the rest equally; one touch gets all, two split in the ratio {position_based_first} : {position_based_last}.
-- model position_based [de] Positionsbasiert: Der erste Kontakt erhält {position_based_first}, der letzte {position_based_last}, die Kontakte dazwischen teilen sich den Rest zu gleichen Teilen; ein Kontakt erhält alles, zwei teilen im Verhältnis {position_based_first} : {position_based_last}.
-- model position_based [fr] Selon la position: Le premier contact reçoit {position_based_first}, le dernier {position_based_last}, les contacts intermédiaires se partagent le reste à parts égales ; un contact reçoit tout, deux se partagent dans le rapport {position_based_first} : {position_based_last}.
-- model time_decay [en] Time decay: touches close to the order count more; a touch's weight halves every {time_decay_half_life_days} days before the order.
-- model time_decay [de] Zeitverfall: Kontakte kurz vor der Bestellung zählen mehr; das Gewicht eines Kontakts halbiert sich alle {time_decay_half_life_days} Tage vor der Bestellung.
-- model time_decay [fr] Décroissance temporelle: Les contacts proches de la commande comptent davantage ; le poids d’un contact est divisé par deux tous les {time_decay_half_life_days} jours avant la commande.
-- model data_driven [en] Data-driven: Shapley values over the touch paths (Fractribution), estimated from converting and non-converting paths of the {data_driven_window_months} months up to the order's month.
-- model data_driven [de] Datengetrieben: Shapley-Werte über die Kontaktpfade (Fractribution), geschätzt aus konvertierenden und nicht konvertierenden Pfaden der {data_driven_window_months} Monate bis zum Monat der Bestellung.
-- model data_driven [fr] Fondé sur les données: Valeurs de Shapley sur les parcours de contacts (Fractribution), estimées à partir des parcours avec et sans conversion des {data_driven_window_months} mois jusqu’au mois de la commande.
-- (A `-- model` line names the model's key, the locale, its label and its description;
-- {name} is the setting of report.json, filled in by the report (pipeline/catalog.ts).
-- The report lists exactly these models: the export stops when the credits hold a
-- model no such line describes, or the reverse.)
-- An order carrying a campaign's coupon code gives that campaign all credit
-- under every model (the code wins over touches). An order with no touch is
-- `unattributed`. Both enter the models as a path of one stand-in touch, and
-- every model gives a path of one touch all the credit.
-- A campaign on the path earns under some models and not others (no row there).
--
-- Adding a model: one CTE below that gives each touch of every path (path_touches)
-- its weight, `model` its key, the weights of one conversion adding up to 1; add it
-- to `model_touch_weights`, and describe it in a `-- model` line per locale above.
--
-- Mechanics: conversions are named by order_key (int_orders_net), and the
-- campaigns of touches by campaign_number (int_attribution_campaign_numbers):
-- the weights are added up and looked up by these integers, much faster at scale
-- than by names. Weights are added up exactly (in DECIMAL, or as whole numbers in
-- DOUBLE), so that the sums do not depend on the order in which DuckDB's threads
-- meet the rows (floating-point addition of fractions does, in the last bit, and
-- that bit can decide a cent).
-- Read only by int_attribution_conversion_credits, which computes it faster than
-- DuckDB stores and reads it back:
-- materialized: view
-- metric model_last_touch [de] Letzter Kontakt: der ganze Umsatz an den letzten Kontakt im Betrachtungszeitraum
-- metric model_last_touch [en] Last touch: all credit to the last touch in the lookback window
-- metric model_last_touch [fr] Dernier contact: tout le crédit au dernier contact dans la fenêtre d’attribution
-- metric model_first_touch [de] Erster Kontakt: der ganze Umsatz an den ersten Kontakt im Betrachtungszeitraum
-- metric model_first_touch [en] First touch: all credit to the first touch in the lookback window
-- metric model_first_touch [fr] Premier contact: tout le crédit au premier contact dans la fenêtre d’attribution
-- metric model_linear [de] Linear: gleiche Anteile für jeden Kontakt
-- metric model_linear [en] Linear: equal shares for every touch
-- metric model_linear [fr] Linéaire: parts égales pour chaque contact
-- metric model_position_based [de] Positionsbasiert: {position_based_first} an den ersten Kontakt, {position_based_last} an den letzten, den Rest teilen sich die Kontakte dazwischen; ein Kontakt erhält alles, zwei teilen {position_based_first} : {position_based_last}
-- metric model_position_based [en] Position-based: {position_based_first} to the first touch, {position_based_last} to the last, the rest shared by the touches between; one touch gets all, two split {position_based_first} : {position_based_last}
-- metric model_position_based [fr] Selon la position: {position_based_first} au premier contact, {position_based_last} au dernier, le reste partagé entre les contacts intermédiaires ; un contact reçoit tout, deux se partagent {position_based_first} : {position_based_last}
-- metric model_time_decay [de] Zeitverfall: Gewicht 2^(−Tage vor der Bestellung ÷ {time_decay_half_life_days} Tage), normiert
-- metric model_time_decay [en] Time decay: weight 2^(-days before the order / {time_decay_half_life_days} days), normalised
-- metric model_time_decay [fr] Décroissance temporelle: poids 2^(−jours avant la commande ÷ {time_decay_half_life_days} jours), normalisé
-- metric model_data_driven [de] Datengetrieben: kontrafaktische Shapley-Werte über Pfade nach Art von Fractribution, nicht konvertierende Pfade eingeschlossen, je Monat angepasst auf die {data_driven_window_months} Monate bis zu ihm
-- metric model_data_driven [en] Data-driven: Fractribution-style counterfactual Shapley over paths, non-converting paths included, fitted per month on the {data_driven_window_months} months up to it
-- metric model_data_driven [fr] Fondé sur les données: valeurs de Shapley contrefactuelles sur les parcours à la manière de Fractribution, parcours sans conversion inclus, ajustées chaque mois sur les {data_driven_window_months} mois jusqu’à celui-ci
with conversions as (
    select * from int_orders_net
    where is_conversion
),

journey_touches as (
    select * from int_attribution_paths
),

data_driven_fits as (
    select * from int_attribution_data_driven
),

campaign_numbers as (
    select * from int_attribution_campaign_numbers
),

settings as (
    select * from stg_report__settings
),

-- every conversion as a path of touches: its journey's touches, or, for an order with a
-- coupon code (the code wins over touches) or without any touch (unattributed), one
-- stand-in touch of no campaign number, whose campaign stand_ins names
stand_ins as (
    select
        order_key,
        coalesce(coupon_campaign, 'unattributed') as campaign,
        case when coupon_campaign is not null then 'coupon' else 'none' end as credited_by,
    from conversions
    where coupon_campaign is not null
        or order_key not in (select order_key from journey_touches)
),

path_touches as (
    select order_key, campaign_number, position, path_length, days_before_end,
    from journey_touches
    where order_key not in (select order_key from stand_ins)
    union all
    select order_key, cast(null as bigint) as campaign_number, 1 as position, 1 as path_length, 0.0 as days_before_end,
    from stand_ins
),

-- the models: each touch's weight under each model (a touch a model gives nothing has no row)

last_touch as (
    select order_key, campaign_number, 'last_touch' as model, 1.0 as weight,
    from path_touches
    where position = path_length
),

first_touch as (
    select order_key, campaign_number, 'first_touch' as model, 1.0 as weight,
    from path_touches
    where position = 1
),

linear as (
    select order_key, campaign_number, 'linear' as model, 1.0 / path_length as weight,
    from path_touches
),

-- first and last touch get their settings' shares, the touches between share the rest;
-- a path of two splits in the ratio first : last (0.4 : 0.4 is half each)
position_based as (
    select
        path_touches.order_key,
        path_touches.campaign_number,
        'position_based' as model,
        case
            when path_touches.path_length = 1 then 1.0
            when path_touches.path_length = 2 and path_touches.position = 1
                then settings.position_based_first / (settings.position_based_first + settings.position_based_last)
            when path_touches.path_length = 2
                then settings.position_based_last / (settings.position_based_first + settings.position_based_last)
            when path_touches.position = 1 then settings.position_based_first
            when path_touches.position = path_touches.path_length then settings.position_based_last
            else (1 - settings.position_based_first - settings.position_based_last) / (path_touches.path_length - 2)
        end as weight,
    from path_touches
    cross join settings
),

-- weight 2^(-days before the order / half-life), normalised per conversion. Measured from
-- the conversion's latest touch (weight 1), which leaves the normalised shares as they
-- are and keeps every weight at most 1. The total is added up in DECIMAL, so that it does
-- not depend on the order in which DuckDB's threads meet the rows (a window ordered by
-- position does that too, but costs three times the whole file at scale); a touch too far
-- back to weigh 10^-15 keeps its (tiny) weight and its row.
time_decay_weights as (
    select
        path_touches.order_key,
        path_touches.campaign_number,
        pow(2.0, -(path_touches.days_before_end - min(path_touches.days_before_end) over (partition by path_touches.order_key))
            / settings.time_decay_half_life_days) as decay,
    from path_touches
    cross join settings
),

time_decay as (
    select
        order_key,
        campaign_number,
        'time_decay' as model,
        -- the total added up exactly (DECIMAL, in any order), divided as DOUBLE
        decay / cast(sum(cast(decay as decimal(18, 15))) over (partition by order_key) as double) as weight,
    from time_decay_weights
),

-- the path's shares from int_attribution_data_driven (fitted on the journeys up to the
-- order's month); a path of one touch gives it all. The path is looked up by its
-- campaign numbers in position order (as in int_attribution_path_summary).
conversion_paths as (
    select
        order_key,
        list_transform(list_sort(list({'position': position, 'number': campaign_number})), touch -> touch.number) as path_numbers,
    from path_touches
    where path_length > 1
    group by order_key
),

data_driven as (
    select conversion_paths.order_key, data_driven_fits.campaign_number, 'data_driven' as model, data_driven_fits.share as weight,
    from conversion_paths
    -- the fit of the conversion's month
    inner join conversions on conversions.order_key = conversion_paths.order_key
    inner join data_driven_fits
        on data_driven_fits.order_month = conversions.order_month
        and data_driven_fits.path_numbers = conversion_paths.path_numbers
    union all
    select order_key, campaign_number, 'data_driven' as model, 1.0 as weight,
    from path_touches
    where path_length = 1
),

model_touch_weights as (
    select * from last_touch
    union all
    select * from first_touch
    union all
    select * from linear
    union all
    select * from position_based
    union all
    select * from time_decay
    union all
    select * from data_driven
),

-- one row per conversion, model and campaign: its touches' weights added up, to 15
-- decimal places. As whole numbers of 10^-15 in DOUBLE: exact (a campaign's weights add
-- up to at most 1, 10^15 units, below 2^53, where DOUBLE adds whole numbers without
-- rounding, in any order) and faster than a DECIMAL sum, which DuckDB adds in 128 bits.
campaign_shares as (
    select
        order_key,
        model,
        campaign_number,
        -- below 10^-15 (a touch far back under a short half-life): the weights' own sum
        coalesce(nullif(sum(round(cast(weight as double) * 1e15)), 0) / 1e15, sum(cast(weight as double))) as share,
    from model_touch_weights
    group by order_key, model, campaign_number
    -- a campaign the model gives nothing has no row
    having max(weight) > 0
),

final as (
    select
        campaign_shares.order_key,
        campaign_shares.model,
        coalesce(campaign_numbers.campaign, stand_ins.campaign) as campaign,
        campaign_shares.campaign_number,
        coalesce(stand_ins.credited_by, 'touch') as credited_by,
        campaign_shares.share,
    from campaign_shares
    left join campaign_numbers
        on campaign_numbers.number = campaign_shares.campaign_number
    -- a stand-in's conversion has no other row (its touches, if any, do not count)
    left join stand_ins
        on stand_ins.order_key = campaign_shares.order_key
)

select * from final

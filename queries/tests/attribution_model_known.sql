-- severity: error
-- report.json's attribution_model is one of the models the attribution SQL computes
-- (the `-- model` lines of intermediate/int_attribution_shares.sql describe the same
-- models; the export checks that): the report shows that model's figures.
-- test [de] Das Attributionsmodell von report.json ist eines der Modelle, die die Attributions-SQL berechnet: Der Bericht zeigt die Zahlen dieses Modells.
-- test [en] report.json's attribution model is one of the models the attribution SQL computes: the report shows that model's figures.
-- test [fr] Le modèle d’attribution de report.json est l’un des modèles que calcule le SQL d’attribution : le rapport affiche les chiffres de ce modèle.
with settings as (
    select * from stg_report__settings
),

computed as (
    select string_agg(distinct model, ', ' order by model) as models
    from attribution
),

final as (
    select
        'report.json' as file,
        'attribution_model' as field,
        settings.attribution_model as value_found,
        computed.models as allowed_values,
    from settings
    cross join computed
    where computed.models is not null
        and settings.attribution_model not in (select model from attribution)
)

select * from final

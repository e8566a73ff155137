-- One row per line of costs.csv: the costs no platform shows. A row is either
-- for a whole month or for a day; cost_month is set for both.
with source as (
    select * from raw_costs
),

settings as (
    select * from stg_report__settings
),

renamed as (
    select
        source.source_file,
        source.source_line,
        source.source_file || ':' || source.source_line as cost_id,
        coalesce(source.cost_month, strftime(source.cost_date, '%Y-%m')) as cost_month,
        source.cost_date,
        source.campaign as target,
        source.category,
        source.amount,
        coalesce(source.currency, settings.currency) as currency,
        source.note,
    from source
    cross join settings
)

select * from renamed

-- The settings of report.json, one row. Other queries cross join it to read a parameter.
with source as (
    select * from raw_report_settings
),

final as (
    select
        title,
        currency,
        timezone,
        locale,
        gross_margin,
        attribution_model,
        lookback_days,
        lookback_basis,
        time_decay_half_life_days,
        count_views,
        path_transform,
        period_rows,
        position_based_first,
        position_based_last,
        data_driven_window_months,
        bootstrap_replicates,
        interval_level,
        min_conversions,
    from source
)

select * from final

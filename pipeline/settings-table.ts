// report.json as a one-row table, so that SQL reads its parameters by name
// (stg_report__settings). Values are bound, never pasted into SQL.
import type { ReportSettings } from './config.ts';
import type { Warehouse } from './warehouse.ts';

export async function writeSettingsTable(warehouse: Warehouse, settings: ReportSettings): Promise<void> {
  await warehouse.run(
    `create or replace table raw_report_settings as
     select
         $title::varchar as title,
         $currency::varchar as currency,
         $timezone::varchar as timezone,
         $locale::varchar as locale,
         $gross_margin::decimal(9, 4) as gross_margin,
         $attribution_model::varchar as attribution_model,
         $lookback_days::integer as lookback_days,
         $lookback_basis::varchar as lookback_basis,
         $time_decay_half_life_days::double as time_decay_half_life_days,
         $count_views::boolean as count_views,
         $path_transform::varchar as path_transform,
         $period_rows::varchar as period_rows,
         $position_based_first::decimal(9, 6) as position_based_first,
         $position_based_last::decimal(9, 6) as position_based_last,
         $data_driven_window_months::integer as data_driven_window_months,
         $bootstrap_replicates::integer as bootstrap_replicates,
         $interval_level::decimal(9, 6) as interval_level,
         $min_conversions::decimal(18, 6) as min_conversions`,
    {
      title: settings.title ?? '',
      currency: settings.currency,
      timezone: settings.timezone,
      locale: settings.locale,
      gross_margin: String(settings.gross_margin),
      attribution_model: settings.attribution_model,
      lookback_days: settings.lookback_days,
      lookback_basis: settings.lookback_basis,
      time_decay_half_life_days: settings.time_decay_half_life_days,
      count_views: settings.count_views,
      path_transform: settings.path_transform,
      period_rows: settings.period_rows,
      // as text, so that 0.3 arrives as the decimal 0.3, not as the double nearest it
      position_based_first: String(settings.position_based_first),
      position_based_last: String(settings.position_based_last),
      data_driven_window_months: settings.data_driven_window_months,
      bootstrap_replicates: settings.bootstrap_replicates,
      interval_level: String(settings.interval_level),
      min_conversions: String(settings.min_conversions),
    },
  );
  if (settings.title === null) await warehouse.run('update raw_report_settings set title = null');
}

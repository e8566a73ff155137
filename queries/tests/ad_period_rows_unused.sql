-- severity: warn
-- Period rows (reporting start and end differ) that the report does not use,
-- with the reason: by default only rows covering exactly one calendar month
-- are used; with `"period_rows": "pro_rata"` in report.json other periods are
-- spread over their days (an estimate). marts/unplaced_spend.sql says how
-- much spend the unused ones hold, in the report currency.
-- test [de] Zeitraum-Zeilen (Beginn und Ende des Berichtszeitraums verschieden), die der Bericht nicht verwendet, mit dem Grund: ohne Einstellung nur Zeilen, die genau einen Kalendermonat abdecken; mit `"period_rows": "pro_rata"` in report.json werden andere Zeiträume anteilig auf ihre Tage verteilt (eine Schätzung).
-- test [en] Period rows (reporting start and end differ) that the report does not use, with the reason: by default only rows covering exactly one calendar month are used; with `"period_rows": "pro_rata"` in report.json other periods are spread over their days (an estimate).
-- test [fr] Lignes de période (début et fin de la période différents) que le rapport n’utilise pas, avec le motif : par défaut, seules les lignes couvrant exactement un mois calendaire sont utilisées ; avec `"period_rows": "pro_rata"` dans report.json, les autres périodes sont réparties au prorata de leurs jours (une estimation).
select
    source_file,
    source_line,
    platform,
    platform_campaign_key,
    period_start,
    period_end,
    spend,
    currency,
    usage,
from int_ad_period_rows
where usage not in ('month', 'pro_rata')
order by source_file, source_line

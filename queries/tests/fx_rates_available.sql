-- severity: error
-- Every amount in a foreign currency has an ECB rate for its day (carried
-- forward at most 7 days over weekends and holidays). Never a silent 1.0.
-- test [de] Jeder Betrag in fremder Währung hat einen EZB-Kurs für seinen Tag (über Wochenenden und Feiertage höchstens 7 Tage fortgeschrieben). Nie stillschweigend 1,0.
-- test [en] Every amount in a foreign currency has an ECB rate for its day (carried forward at most 7 days over weekends and holidays). Never a silent 1.0.
-- test [fr] Chaque montant en devise étrangère a un taux BCE pour son jour (reporté au plus 7 jours sur les week-ends et jours fériés). Jamais un 1,0 implicite.
select 'platform spend' as amount, source_file, source_line, currency, report_date as day
from int_ad_daily_mapped
where report_factor is null

union all

select 'monthly platform export', period_source_file, null, currency, cast(month || '-01' as date)
from int_ad_monthly_mapped
where report_factor is null and numbers_from = 'monthly export'

union all

select 'order', source_file, source_line, currency, order_date
from int_orders_net
where report_factor is null

union all

select 'cost', source_file, source_line, currency, coalesce(cost_date, cast(cost_month || '-01' as date))
from int_costs_converted
where report_factor is null

order by day, currency, source_file, source_line

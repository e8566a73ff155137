-- severity: error
-- Every month piece of a period row spread pro rata in a foreign currency has
-- the ECB rate of its month's last fixing. Never a silent 1.0.
-- test [de] Jedes Monatsstück einer anteilig verteilten Zeitraum-Zeile in fremder Währung hat den EZB-Kurs der letzten Feststellung seines Monats. Nie stillschweigend 1,0.
-- test [en] Every month piece of a period row spread pro rata in a foreign currency has the ECB rate of its month's last fixing. Never a silent 1.0.
-- test [fr] Chaque part mensuelle d’une ligne de période répartie au prorata en devise étrangère a le taux BCE de la dernière fixation de son mois. Jamais un 1,0 implicite.
select source_file, source_line, month, currency
from int_ad_period_spread
where report_factor is null
order by source_file, source_line, month

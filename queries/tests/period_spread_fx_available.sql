-- severity: error
-- Every month piece of a period row spread pro rata in a foreign currency has
-- the ECB rate of its month's last fixing. Never a silent 1.0.
select source_file, source_line, month, currency
from int_ad_period_spread
where report_factor is null
order by source_file, source_line, month

-- severity: error
-- Each experiment_id of experiments.csv is on one line: a result given twice would be shown twice.
select experiment_id, list(source_line order by source_line) as source_lines
from stg_experiments__results
group by experiment_id
having count(*) > 1
order by experiment_id

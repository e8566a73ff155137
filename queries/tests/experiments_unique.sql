-- severity: error
-- Each experiment_id of experiments.csv is on one line: a result given twice would be shown twice.
-- test [de] Jede Experiment-ID (`experiment_id`) von experiments.csv steht auf einer Zeile: ein zweimal angegebenes Ergebnis würde zweimal gezeigt.
-- test [en] Each experiment id (`experiment_id`) of experiments.csv is on one line: a result given twice would be shown twice.
-- test [fr] Chaque identifiant d’expérience (`experiment_id`) de experiments.csv figure sur une seule ligne : un résultat donné deux fois serait affiché deux fois.
select experiment_id, list(source_line order by source_line) as source_lines
from stg_experiments__results
group by experiment_id
having count(*) > 1
order by experiment_id

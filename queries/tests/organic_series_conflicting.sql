-- severity: warn
-- The same organic series day (platform, account, metric, date) appears in
-- several files with different values; the copy from the file whose data
-- reach the later day is used (on a tie, the path that sorts last). See
-- int_organic_daily_conflicts for every copy.
-- test [de] Derselbe Tag einer organischen Reihe (Plattform, Konto, Kennzahl, Datum) steht in mehreren Dateien mit verschiedenen Werten; verwendet wird die Kopie aus der Datei, deren Daten den späteren Tag erreichen (bei Gleichstand der Pfad, der zuletzt sortiert).
-- test [en] The same organic series day (platform, account, metric, date) appears in several files with different values; the copy from the file whose data reach the later day is used (on a tie, the path that sorts last).
-- test [fr] Le même jour d’une série organique (plateforme, compte, indicateur, date) figure dans plusieurs fichiers avec des valeurs différentes ; la copie du fichier dont les données atteignent le jour le plus tardif est utilisée (à égalité, le chemin trié en dernier).
select
    platform,
    account,
    metric,
    metric_date,
    files,
    winning_file,
    value_per_copy,
from int_organic_daily_conflicts
order by metric_date, platform, account, metric

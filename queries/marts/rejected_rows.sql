-- Grain: one row per input row that could not be loaded: file, line, column
-- and reason. Personal columns of the orders are never read, so never quoted.
-- dataset [de] Je Eingabezeile, die nicht geladen werden konnte: Datei, Zeile, Spalte und Grund.
-- dataset [en] Per input row that could not be loaded: file, line, column and reason.
-- dataset [fr] Par ligne d’entrée qui n’a pas pu être chargée : fichier, ligne, colonne et motif.
select * from stg_pipeline__rejected_rows

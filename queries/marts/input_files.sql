-- Grain: one row per input file of the run. Unique key: path.
-- test unique: path
-- dataset [de] Je Eingabedatei des Laufs: Art, Format, Zeilen, abgelehnte Zeilen und Prüfsumme.
-- dataset [en] Per input file of the run: kind, format, rows, rejected rows and hash.
-- dataset [fr] Par fichier d’entrée de l’exécution : type, format, lignes, lignes rejetées et empreinte.
select * from stg_pipeline__input_files

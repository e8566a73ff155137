-- severity: warn
-- The same platform row (platform, account, campaign, ad set, ad, day) appears
-- in several files with different numbers; the copy from the file whose data
-- reach the latest day is used (on a tie, the path that sorts last). See
-- int_ad_duplicate_conflicts for every copy.
-- test [de] Dieselbe Plattformzeile (Plattform, Konto, Kampagne, Anzeigengruppe, Anzeige, Tag) steht in mehreren Dateien mit verschiedenen Zahlen; verwendet wird die Kopie aus der Datei, deren Daten den spätesten Tag erreichen (bei Gleichstand der Pfad, der zuletzt sortiert).
-- test [en] The same platform row (platform, account, campaign, ad set, ad, day) appears in several files with different numbers; the copy from the file whose data reach the latest day is used (on a tie, the path that sorts last).
-- test [fr] La même ligne de plateforme (plateforme, compte, campagne, groupe d’annonces, annonce, jour) figure dans plusieurs fichiers avec des chiffres différents ; la copie du fichier dont les données atteignent le jour le plus tardif est utilisée (à égalité, le chemin trié en dernier).
select
    platform,
    platform_campaign_key,
    report_date,
    files,
    winning_file,
    spend_per_copy,
from int_ad_duplicate_conflicts
order by report_date, platform, platform_campaign_key

-- severity: warn
-- Platform campaign names that match the patterns of more than one campaign;
-- the most specific pattern wins. Make the patterns distinct.
-- test [de] Namen von Plattform-Kampagnen, die auf die Muster mehrerer Kampagnen passen; das spezifischste Muster gewinnt. Die Muster sollten eindeutig sein.
-- test [en] Platform campaign names that match the patterns of more than one campaign; the most specific pattern wins. Make the patterns distinct.
-- test [fr] Noms de campagnes de plateforme qui correspondent aux motifs de plusieurs campagnes ; le motif le plus spécifique l’emporte. Rendez les motifs distincts.
select platform, matched_name as platform_campaign, campaign as chosen, candidate_count
from int_platform_campaigns_mapped
where candidate_count > 1
order by platform, matched_name

-- severity: warn
-- Platform campaigns whose names match no `match` pattern of campaigns.csv:
-- their spend is reported as `unmapped`.
-- test [de] Plattform-Kampagnen, deren Namen auf kein Muster (Spalte `match`) von campaigns.csv passen: Ihre Ausgaben erscheinen als „Nicht zugeordnet“.
-- test [en] Platform campaigns whose names match no pattern (column `match`) of campaigns.csv: their spend is reported as “Unmapped”.
-- test [fr] Campagnes de plateforme dont le nom ne correspond à aucun motif (colonne `match`) de campaigns.csv : leurs dépenses figurent comme « Non rattaché ».
select
    mapped.platform,
    mapped.matched_name as platform_campaign,
    round(sum(ad_rows.spend_report), 2) as spend,
from int_platform_campaigns_mapped as mapped
inner join int_ad_monthly_mapped as ad_rows
    on ad_rows.platform = mapped.platform
    and ad_rows.platform_campaign_key = mapped.platform_campaign_key
where mapped.campaign = 'unmapped'
group by all
order by spend desc

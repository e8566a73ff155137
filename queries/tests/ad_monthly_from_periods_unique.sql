-- severity: error
-- int_ad_monthly_from_periods has one row per platform, account, campaign and
-- month (a campaign reported in two currencies would break it).
-- test [de] `int_ad_monthly_from_periods` hat genau eine Zeile je Plattform, Konto, Kampagne und Monat (eine Kampagne, die in zwei Währungen gemeldet wird, verletzt das).
-- test [en] `int_ad_monthly_from_periods` has one row per platform, account, campaign and month (a campaign reported in two currencies would break it).
-- test [fr] `int_ad_monthly_from_periods` a une seule ligne par plateforme, compte, campagne et mois (une campagne déclarée dans deux devises l’enfreindrait).
select platform, account, platform_campaign_key, month, count(*) as rows
from int_ad_monthly_from_periods
group by all
having count(*) > 1

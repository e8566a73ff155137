-- severity: error
-- int_organic_posts_latest has one row per platform, account and post, and
-- int_organic_followers_daily one per platform, account and day.
-- test [de] `int_organic_posts_latest` hat genau eine Zeile je Plattform, Konto und Beitrag, `int_organic_followers_daily` eine je Plattform, Konto und Tag.
-- test [en] `int_organic_posts_latest` has one row per platform, account and post, and `int_organic_followers_daily` one per platform, account and day.
-- test [fr] `int_organic_posts_latest` a une seule ligne par plateforme, compte et publication, et `int_organic_followers_daily` une par plateforme, compte et jour.
select 'int_organic_posts_latest' as table_name, platform, account, post_id as key, count(*) as rows
from int_organic_posts_latest
group by all
having count(*) > 1
union all
select 'int_organic_followers_daily', platform, account, cast(date as varchar), count(*)
from int_organic_followers_daily
group by all
having count(*) > 1

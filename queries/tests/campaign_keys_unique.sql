-- severity: error
-- Every campaign key in campaigns.csv is unique and not one of the reserved
-- keys `unmapped` and `unattributed`.
-- test [de] Jeder Kampagnenschlüssel in campaigns.csv ist eindeutig und keiner der reservierten Schlüssel `unmapped` und `unattributed`.
-- test [en] Every campaign key in campaigns.csv is unique and not one of the reserved keys `unmapped` and `unattributed`.
-- test [fr] Chaque clé de campagne de campaigns.csv est unique et n’est pas l’une des clés réservées `unmapped` et `unattributed`.
select campaign, list(source_line order by source_line) as lines, 'appears more than once' as problem
from stg_taxonomy__campaigns
group by campaign
having count(*) > 1

union all

select campaign, [source_line], 'is a reserved key'
from stg_taxonomy__campaigns
where campaign in ('unmapped', 'unattributed')

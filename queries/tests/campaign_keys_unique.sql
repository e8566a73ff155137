-- severity: error
-- Every campaign key in campaigns.csv is unique and not one of the reserved
-- keys `unmapped` and `unattributed`.
select campaign, list(source_line order by source_line) as lines, 'appears more than once' as problem
from stg_taxonomy__campaigns
group by campaign
having count(*) > 1

union all

select campaign, [source_line], 'is a reserved key'
from stg_taxonomy__campaigns
where campaign in ('unmapped', 'unattributed')

-- One row per distinct path (campaigns in time order, after the path
-- transform): how many conversions and non-conversions took it, and the
-- conversions' net revenue. P(path) = conversions / (conversions + non-conversions).
with path_touches as (
    select * from int_attribution_paths
),

conversions as (
    select * from int_orders_net
    where is_conversion
),

paths as (
    select
        kind,
        path_id,
        -- the campaigns in position order (list_sort of (position, campaign) pairs is much
        -- faster at scale than an ordered aggregate, with the same result)
        list_transform(list_sort(list({'position': position, 'campaign': campaign})), touch -> touch.campaign) as path,
    from path_touches
    group by kind, path_id
),

conversion_revenue as (
    select paths.path, sum(conversions.net_revenue) as revenue
    from paths
    inner join conversions
        on conversions.order_id = paths.path_id
    where paths.kind = 'conversion'
    group by paths.path
),

counts as (
    select
        path,
        count(*) filter (where kind = 'conversion') as conversions,
        count(*) filter (where kind = 'non_conversion') as non_conversions,
    from paths
    group by path
),

final as (
    select
        counts.path,
        array_to_string(counts.path, ' > ') as path_text,
        len(counts.path) as path_length,
        counts.conversions,
        counts.non_conversions,
        conversion_revenue.revenue,
        counts.conversions / (counts.conversions + counts.non_conversions) as conversion_probability,
    from counts
    left join conversion_revenue using (path)
)

select * from final

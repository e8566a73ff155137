-- One row per distinct path (campaigns in time order, after the path
-- transform): how many conversions and non-conversions took it, and the
-- conversions' net revenue. P(path) = conversions / (conversions + non-conversions).
with conversion_touches as (
    select * from int_attribution_paths
),

non_conversion_paths as (
    select * from int_attribution_non_conversion_paths
),

conversions as (
    select * from int_orders_net
    where is_conversion
),

conversion_paths as (
    select
        order_id,
        -- the campaigns in position order (list_sort of (position, campaign) pairs is much
        -- faster at scale than an ordered aggregate, with the same result)
        list_transform(list_sort(list({'position': position, 'campaign': campaign})), touch -> touch.campaign) as path,
    from conversion_touches
    group by order_id
),

conversion_counts as (
    select
        conversion_paths.path,
        count(*) as conversions,
        sum(conversions.net_revenue) as revenue,
    from conversion_paths
    inner join conversions using (order_id)
    group by conversion_paths.path
),

non_conversion_counts as (
    select path, count(*) as non_conversions
    from non_conversion_paths
    group by path
),

counts as (
    select
        path,
        coalesce(conversion_counts.conversions, 0) as conversions,
        coalesce(non_conversion_counts.non_conversions, 0) as non_conversions,
        conversion_counts.revenue,
    from conversion_counts
    full outer join non_conversion_counts using (path)
),

final as (
    select
        path,
        array_to_string(path, ' > ') as path_text,
        len(path) as path_length,
        conversions,
        non_conversions,
        revenue,
        conversions / (conversions + non_conversions) as conversion_probability,
    from counts
)

select * from final

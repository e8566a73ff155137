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
        list(campaign order by position) as path,
    from path_touches
    group by kind, path_id
),

final as (
    select
        paths.path,
        array_to_string(paths.path, ' > ') as path_text,
        len(paths.path) as path_length,
        count(*) filter (where paths.kind = 'conversion') as conversions,
        count(*) filter (where paths.kind = 'non_conversion') as non_conversions,
        sum(conversions.net_revenue) as revenue,
        count(*) filter (where paths.kind = 'conversion') / count(*) as conversion_probability,
    from paths
    left join conversions
        on paths.kind = 'conversion'
        and conversions.order_id = paths.path_id
    group by paths.path
)

select * from final

-- One row per distinct path (campaigns in time order, after the path
-- transform): how many conversions and non-conversions took it, and the
-- conversions' net revenue. P(path) = conversions / (conversions + non-conversions).
-- path_numbers is the path as int_attribution_campaign_numbers (the later steps
-- look paths up by it).
-- Millions of rows at scale, read by the data-driven model: held for the run, not stored:
-- materialized: temporary
with conversion_touches as (
    select * from int_attribution_paths
),

non_conversion_paths as (
    select * from int_attribution_non_conversion_paths
),

campaign_numbers as (
    select * from int_attribution_campaign_numbers
),

conversions as (
    select * from int_orders_net
    where is_conversion
),

campaign_names as (
    select list(campaign order by number) as names
    from campaign_numbers
),

-- paths are counted as lists of campaign numbers, and named once counted
conversion_paths as (
    select
        conversion_touches.order_key,
        -- the campaign numbers in position order (list_sort of (position, number) pairs is
        -- much faster at scale than an ordered aggregate, with the same result)
        list_transform(
            list_sort(list({'position': conversion_touches.position, 'number': conversion_touches.campaign_number})),
            touch -> touch.number
        ) as path_numbers,
    from conversion_touches
    group by conversion_touches.order_key
),

conversion_counts as (
    select
        conversion_paths.path_numbers,
        count(*) as conversions,
        sum(conversions.net_revenue) as revenue,
    from conversion_paths
    inner join conversions using (order_key)
    group by conversion_paths.path_numbers
),

non_conversion_counts as (
    select path_numbers, count(*) as non_conversions
    from non_conversion_paths
    group by path_numbers
),

counts as (
    select
        path_numbers,
        coalesce(conversion_counts.conversions, 0) as conversions,
        coalesce(non_conversion_counts.non_conversions, 0) as non_conversions,
        conversion_counts.revenue,
    from conversion_counts
    full outer join non_conversion_counts using (path_numbers)
),

named as (
    select
        list_transform(counts.path_numbers, number -> campaign_names.names[number]) as path,
        counts.*,
    from counts
    cross join campaign_names
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
        path_numbers,
    from named
)

select * from final

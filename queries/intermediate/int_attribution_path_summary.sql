-- One row per month whose data-driven model is fitted (order_month, 'YYYY-MM': every
-- month with a conversion that has a path) and path (campaigns in time order, after the
-- path transform) that the month's model looks up: the paths of the month's own
-- conversions, and each of them with one touch left out (int_attribution_data_driven),
-- where at least one journey took it. Each row: how many conversions and non-conversions
-- took the path, and the conversions' net revenue.
-- P(path) = conversions / (conversions + non-conversions); a path without a row has P 0.
-- The fit of month M sees the journeys as they stood at M's end, within a trailing
-- window of data_driven_window_months months (M and the months before it), so that
-- later months never change it:
--   conversions: every conversion ordered in the window, with its path as its credits
--   use it (int_attribution_paths): its touches, or for an order without any the
--   order's own utm fields as one touch (coupon orders too);
--   non-conversions: every customer with no conversion ordered in the window whose last
--   eligible touch at or before M's end lies in the window, with their path as it stood
--   then (int_attribution_non_conversion_paths); a customer whose orders were all
--   refunded or cancelled is one of them.
-- conversions_in_month counts the conversions ordered in M itself: their credits take
-- M's fit (int_attribution_data_driven).
-- Example, window 12: a conversion of 2026-03 counts in the fits of 2026-03 .. 2027-02.
-- path_numbers is the path as int_attribution_campaign_numbers (the later steps
-- look paths up by it).
-- Mechanics: paths are counted per month of their conversion, and per span of fit
-- months of the non-converting paths, before the counts are spread over the fit months;
-- only the paths looked up are counted (every path of every month would be ten times as
-- many rows, which nothing reads).
-- Millions of rows at scale, read by the data-driven model: held for the run, not stored:
-- materialized: temporary
with conversion_touches as (
    select * from int_attribution_paths
),

non_conversion_spans as (
    select * from int_attribution_non_conversion_counts
),

campaign_numbers as (
    select * from int_attribution_campaign_numbers
),

conversions as (
    select * from int_orders_net
    where is_conversion
),

settings as (
    select * from stg_report__settings
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

conversions_per_month as (
    select
        month_number(conversions.order_month) as order_month_number,
        conversion_paths.path_numbers,
        count(*) as conversions,
        sum(conversions.net_revenue) as revenue,
    from conversion_paths
    inner join conversions using (order_key)
    group by all
),

-- the paths that a month's model looks up (int_attribution_data_driven): the paths of the
-- month's own conversions, and each of them with one touch left out
month_paths as (
    select order_month_number as fit_month, path_numbers,
    from conversions_per_month
),

-- each of them with every position to leave out (unnest in the select list: a lateral
-- join would cost a second pass over the paths)
left_out_positions as (
    select fit_month, path_numbers, unnest(generate_series(1, len(path_numbers))) as position,
    from month_paths
    where len(path_numbers) > 1
),

looked_up as (
    select fit_month, path_numbers from month_paths
    union
    select
        fit_month,
        list_concat(
            list_slice(path_numbers, 1, position - 1),
            list_slice(path_numbers, position + 1, len(path_numbers))
        ) as path_numbers,
    from left_out_positions
),

fit_months as (
    select distinct fit_month from month_paths
),

-- a conversion counts in the fits of its month and the window - 1 months after it
conversion_counts as (
    select
        fit_months.fit_month,
        conversions_per_month.path_numbers,
        sum(conversions_per_month.conversions) as conversions,
        sum(conversions_per_month.conversions) filter (where conversions_per_month.order_month_number = fit_months.fit_month) as conversions_in_month,
        sum(conversions_per_month.revenue) as revenue,
    from conversions_per_month
    cross join settings
    inner join fit_months
        on fit_months.fit_month between conversions_per_month.order_month_number
            and conversions_per_month.order_month_number + settings.data_driven_window_months - 1
    group by all
),

-- a non-converting path counts in the fits of its span of months (int_attribution_non_conversion_paths),
-- counted per path and span beforehand (int_attribution_non_conversion_counts), so that the
-- lookup hashes each path once per span, not once per customer
non_conversions_per_span as (
    select * from non_conversion_spans
    where path_numbers in (select path_numbers from looked_up)
),

non_conversion_counts as (
    select
        fit_months.fit_month,
        non_conversions_per_span.path_numbers,
        sum(non_conversions_per_span.non_conversions) as non_conversions,
    from non_conversions_per_span
    inner join fit_months
        on fit_months.fit_month between non_conversions_per_span.first_fit_month_number
            and non_conversions_per_span.last_fit_month_number
    group by all
),

counts as (
    select
        looked_up.fit_month,
        looked_up.path_numbers,
        coalesce(conversion_counts.conversions, 0) as conversions,
        coalesce(conversion_counts.conversions_in_month, 0) as conversions_in_month,
        coalesce(non_conversion_counts.non_conversions, 0) as non_conversions,
        conversion_counts.revenue,
    from looked_up
    left join conversion_counts
        on conversion_counts.fit_month = looked_up.fit_month
        and conversion_counts.path_numbers = looked_up.path_numbers
    left join non_conversion_counts
        on non_conversion_counts.fit_month = looked_up.fit_month
        and non_conversion_counts.path_numbers = looked_up.path_numbers
    -- a path no journey took is not in the summary (its P is 0)
    where conversion_counts.conversions is not null or non_conversion_counts.non_conversions is not null
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
        month_text(fit_month) as order_month,
        path,
        array_to_string(path, ' > ') as path_text,
        len(path) as path_length,
        conversions,
        conversions_in_month,
        non_conversions,
        revenue,
        conversions / (conversions + non_conversions) as conversion_probability,
        path_numbers,
    from named
)

select * from final

-- One row per campaign a touch can be credited to (the campaigns that
-- utm_campaign values map to, and `unmapped`), numbered from 1 in key order.
-- Paths are built and counted as lists of these numbers, which DuckDB sorts,
-- compares and hashes much faster than lists of names (and, for the ten
-- million paths of customers who never convert, keeps in far less memory).
with utm_mapping as (
    select * from int_utm_campaigns_mapped
),

campaigns as (
    select campaign from utm_mapping
    union
    select 'unmapped' as campaign
),

final as (
    select
        campaign,
        row_number() over (order by campaign) as number,
    from campaigns
)

select * from final

-- One row per match pattern of each campaign, as a LIKE pattern: `*` is a
-- wildcard, everything else literal, case-insensitive. A longer literal part
-- is more specific and wins when several campaigns match the same name.
with campaigns as (
    select * from stg_taxonomy__campaigns
),

patterns as (
    select
        campaign,
        trim(unnest(string_split(match_patterns, '|'))) as pattern,
    from campaigns
),

final as (
    select
        campaign,
        pattern,
        replace(replace(replace(replace(lower(pattern), '\', '\\'), '%', '\%'), '_', '\_'), '*', '%') as like_pattern,
        length(replace(pattern, '*', '')) as specificity,
    from patterns
    where pattern <> ''
)

select * from final

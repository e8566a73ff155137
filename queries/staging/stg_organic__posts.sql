-- One row per post per organic export file (Facebook, Instagram, LinkedIn
-- page), with the lifetime numbers as of that export. The same post in
-- several exports is several rows here; int_organic_posts_latest keeps one.
with source as (
    select * from raw_organic_posts
),

renamed as (
    select
        source_file,
        source_line,
        source_sheet,
        format,
        platform,
        coalesce(account, '') as account,
        account_id,
        post_id,
        published_at,
        post_type,
        post_title,
        permalink,
        impressions,
        reach,
        engagements,
        likes,
        comments,
        shares,
        saves,
        video_views,
        clicks,
        link_clicks,
        followers_gained,
        engagement_definition,
    from source
)

select * from renamed

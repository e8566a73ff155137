-- One row per (platform, account, post_id): the post's lifetime numbers from
-- the latest export that has it. Exports of organic posts carry lifetime
-- totals as of the day they were made, so a post in several exports is
-- upserted (the latest copy replaces the others), never summed.
-- Which export is latest: platforms do not write the export day into the
-- file, so `exported_through` is what the file's content proves: the newest
-- publish day among its posts (the export was made on or after it). The
-- export with the later exported_through wins; on a tie, the file whose path
-- sorts last (name exports by date). published_at is the wall-clock time in
-- the report time zone; engagements are the platform's own count, and
-- engagement_definition says what it counts.
with posts as (
    select * from stg_organic__posts
),

settings as (
    select * from stg_report__settings
),

files as (
    select
        source_file,
        cast(max(timezone(settings.timezone, published_at)) as date) as exported_through,
    from posts
    cross join settings
    group by source_file
),

ranked as (
    select
        posts.*,
        files.exported_through,
        count(*) over (partition by posts.platform, posts.account, posts.post_id) as copies,
        row_number() over (
            partition by posts.platform, posts.account, posts.post_id
            order by files.exported_through desc nulls last, posts.source_file desc, posts.source_line desc
        ) as copy_rank,
    from posts
    inner join files using (source_file)
),

final as (
    select
        ranked.platform,
        ranked.account,
        ranked.post_id,
        timezone(settings.timezone, ranked.published_at) as published_at,
        strftime(timezone(settings.timezone, ranked.published_at), '%Y-%m') as published_month,
        ranked.post_type,
        ranked.post_title,
        ranked.permalink,
        ranked.impressions,
        ranked.reach,
        ranked.engagements,
        ranked.engagement_definition,
        ranked.likes,
        ranked.comments,
        ranked.shares,
        ranked.saves,
        ranked.video_views,
        ranked.clicks,
        ranked.link_clicks,
        ranked.followers_gained,
        ranked.source_file,
        ranked.exported_through,
        ranked.copies,
    from ranked
    cross join settings
    where ranked.copy_rank = 1
)

select * from final
order by platform, account, published_at, post_id

-- One row per period row spread pro rata (int_ad_period_rows usage =
-- 'pro_rata', only with report.json "period_rows": "pro_rata") and calendar
-- month it touches: the row's spend and counts split by its days, an
-- ESTIMATE (the platform never said how the period's spend fell on its days).
-- is_estimate is true when the row is split over more than one month; a row
-- inside one month lands whole in it, and its month's figure is exact.
-- Reach is not spread (people do not add up over days): it stays null.
--
-- The split is exact: each amount is cut into units (cents for money, whole
-- counts; 0.0001 for an amount with more decimals) and the units go to the
-- months by largest remainder, so the pieces add up to the row exactly.
-- Worked example: 365.22 GBP over 27 Jan–23 Feb (28 days, 5 in January, 23 in
-- February) is 36,522 cents; January gets floor(36,522 × 5 / 28) = 6,521
-- (remainder 22 / 28), February floor(36,522 × 23 / 28) = 30,000 (remainder
-- 6 / 28); the one cent left goes to the larger remainder, January:
-- 65.22 + 300.00 = 365.22. Equal remainders: the earlier month first.
--
-- Money converts to the report currency at the month's last ECB fixing, like
-- a calendar-month row (int_ad_monthly_mapped); report_factor is null when no
-- rate is known and tests/period_spread_fx_available.sql fails the build.
-- int_ad_monthly_mapped adds the pieces to the campaign's daily numbers.
with period_rows as (
    select * from int_ad_period_rows
    where usage = 'pro_rata'
),

mapping as (
    select * from int_platform_campaigns_mapped
),

monthly_fx as (
    select * from int_fx_monthly_rates
),

settings as (
    select * from stg_report__settings
),

pieces as (
    select
        period_rows.source_file,
        period_rows.source_line,
        cast(month_start as date) as month_start,
        cast(least(period_rows.period_end, last_day(month_start)) - greatest(period_rows.period_start, cast(month_start as date)) + 1 as bigint) as piece_days,
        cast(period_rows.period_end - period_rows.period_start + 1 as bigint) as period_days,
    from period_rows,
        unnest(generate_series(date_trunc('month', period_rows.period_start), date_trunc('month', period_rows.period_end), interval 1 month)) as months(month_start)
),

amounts as (
    unpivot (
        select
            source_file,
            source_line,
            cast(spend as decimal(38, 4)) as spend,
            cast(conversion_value as decimal(38, 4)) as conversion_value,
            cast(conversions as decimal(38, 4)) as conversions,
            cast(impressions as decimal(38, 4)) as impressions,
            cast(clicks as decimal(38, 4)) as clicks,
            cast(link_clicks as decimal(38, 4)) as link_clicks,
            cast(engagements as decimal(38, 4)) as engagements,
            cast(video_views as decimal(38, 4)) as video_views,
            cast(followers_gained as decimal(38, 4)) as followers_gained,
            cast(messaging_conversations as decimal(38, 4)) as messaging_conversations,
            cast(new_messaging_contacts as decimal(38, 4)) as new_messaging_contacts,
        from period_rows
    )
    on spend, conversion_value, conversions, impressions, clicks, link_clicks, engagements, video_views, followers_gained, messaging_conversations, new_messaging_contacts
    into name measure value amount
),

units as (
    select
        *,
        case
            when measure in ('spend', 'conversion_value') and amount = round(amount, 2) then 100
            when measure not in ('spend', 'conversion_value') and amount = round(amount, 0) then 1
            else 10000
        end as units_per_one,
        -- multiplication, not division: decimal division gives a double in DuckDB
        cast(abs(amount) * units_per_one as hugeint) as total_units,
        cast(1 / units_per_one as decimal(9, 4)) as unit,
    from amounts
),

floored as (
    select
        units.source_file,
        units.source_line,
        units.measure,
        units.amount,
        units.unit,
        units.total_units,
        pieces.month_start,
        (units.total_units * pieces.piece_days) // pieces.period_days as base_units,
        (units.total_units * pieces.piece_days) % pieces.period_days as remainder,
    from units
    inner join pieces using (source_file, source_line)
),

largest_remainder as (
    select
        *,
        row_number() over (partition by source_file, source_line, measure order by remainder desc, month_start) as remainder_rank,
        total_units - sum(base_units) over (partition by source_file, source_line, measure) as left_over,
    from floored
),

shares as (
    select
        source_file,
        source_line,
        month_start,
        measure,
        sign(amount) * cast(base_units + case when remainder_rank <= left_over then 1 else 0 end as decimal(38, 0)) * unit as share,
    from largest_remainder
),

per_piece as (
    select
        pieces.source_file,
        pieces.source_line,
        pieces.month_start,
        pieces.piece_days,
        pieces.period_days,
        cast(max(shares.share) filter (where shares.measure = 'spend') as decimal(18, 4)) as spend,
        cast(max(shares.share) filter (where shares.measure = 'conversion_value') as decimal(18, 4)) as conversion_value,
        cast(max(shares.share) filter (where shares.measure = 'conversions') as decimal(18, 4)) as conversions,
        cast(max(shares.share) filter (where shares.measure = 'impressions') as bigint) as impressions,
        cast(max(shares.share) filter (where shares.measure = 'clicks') as bigint) as clicks,
        cast(max(shares.share) filter (where shares.measure = 'link_clicks') as bigint) as link_clicks,
        cast(max(shares.share) filter (where shares.measure = 'engagements') as bigint) as engagements,
        cast(max(shares.share) filter (where shares.measure = 'video_views') as bigint) as video_views,
        cast(max(shares.share) filter (where shares.measure = 'followers_gained') as bigint) as followers_gained,
        cast(max(shares.share) filter (where shares.measure = 'messaging_conversations') as bigint) as messaging_conversations,
        cast(max(shares.share) filter (where shares.measure = 'new_messaging_contacts') as bigint) as new_messaging_contacts,
    from pieces
    left join shares using (source_file, source_line, month_start)
    group by all
),

final as (
    select
        period_rows.source_file,
        period_rows.source_line,
        strftime(per_piece.month_start, '%Y-%m') as month,
        period_rows.platform,
        period_rows.account,
        period_rows.currency,
        period_rows.period_start,
        period_rows.period_end,
        per_piece.piece_days,
        per_piece.period_days,
        per_piece.piece_days < per_piece.period_days as is_estimate,
        period_rows.campaign_id,
        period_rows.campaign_name,
        period_rows.platform_campaign_key,
        coalesce(mapping.campaign, 'unmapped') as campaign,
        case when period_rows.currency = settings.currency then 1 else monthly_fx.to_report_factor end as report_factor,
        per_piece.impressions,
        cast(null as bigint) as reach,
        per_piece.clicks,
        per_piece.link_clicks,
        per_piece.engagements,
        per_piece.video_views,
        per_piece.followers_gained,
        per_piece.messaging_conversations,
        per_piece.new_messaging_contacts,
        per_piece.spend,
        cast(per_piece.spend * report_factor as decimal(18, 4)) as spend_report,
        per_piece.conversions,
        per_piece.conversion_value,
        cast(per_piece.conversion_value * report_factor as decimal(18, 4)) as conversion_value_report,
        period_rows.engagement_definition,
    from per_piece
    inner join period_rows using (source_file, source_line)
    cross join settings
    left join mapping
        on mapping.platform = period_rows.platform
        and mapping.platform_campaign_key = period_rows.platform_campaign_key
        and mapping.matched_name = coalesce(period_rows.campaign_name, period_rows.platform_campaign_key)
    left join monthly_fx
        on monthly_fx.currency = period_rows.currency
        and monthly_fx.month = strftime(per_piece.month_start, '%Y-%m')
)

select * from final
order by source_file, source_line, month

// LinkedIn Page analytics (docs/formats.md, "LinkedIn Page analytics"): workbooks
// `<page>_followers_<ts>.xls(x)`, `<page>_updates_<ts>.xls(x)` and
// `<page>_visitors_<ts>.xls(x)`, one note row above each sheet's header.
//   New followers               daily followers gained, sponsored and organic
//   Update metrics (aggregated) daily page post metrics, organic and sponsored
//   Update engagement           one row per post (newer exports: All posts)
// The demographic sheets (Location, Job function, …) and the visitor
// metrics are known and not used by the report. The page's name is not in
// the workbook; it is taken from the file name when that has LinkedIn's
// `<page>_<kind>_<timestamp>` shape.
import { monthFirst, sumOf, type Context, type PlatformFormat, type Values } from './format.ts';

function pageContext(_preamble: readonly string[], _sheet: string | null, file?: string): Context {
  const base = (file ?? '').split('/').at(-1) ?? '';
  const page = /^(.+?)_(?:followers|updates|visitors|content)_\d+/i.exec(base)?.[1];
  return page ? { account: page } : {};
}

export const linkedinPagePosts: PlatformFormat = {
  format: 'linkedin_page_posts',
  platform: 'linkedin',
  label: 'LinkedIn Page analytics: posts (Update engagement / All posts sheet)',
  kind: 'organic_posts',
  columns: {
    permalink: ['update link', 'post link'],
    post_title: ['update title', 'post title'],
    post_type: ['update type', 'post type', 'content type'],
    published_at: ['created date'],
    impressions: ['impressions'],
    video_views: ['video views', 'views'],
    clicks: ['clicks'],
    likes: ['likes', 'reactions'],
    comments: ['comments'],
    shares: ['shares', 'reposts'],
    followers_gained: ['follows'],
  },
  required: [['permalink'], ['published_at'], ['impressions']],
  signature: ['update link', 'post link', 'update title', 'post title'],
  slashDateOrder: monthFirst,
  engagementDefinition: 'clicks + reactions + comments + reposts + follows (the numerator of LinkedIn\'s engagement rate)',
  context: pageContext,
  finish(row: Values, context: Context): Values {
    const link = row.permalink ?? '';
    const id = /urn:li:(?:activity|share|ugcPost):(\d+)/i.exec(decodeURIComponent(link))?.[1] ?? /(\d{15,})/.exec(link)?.[1] ?? link;
    return {
      ...row,
      post_id: id || null,
      account: context.account ?? null,
      engagements: sumOf(row, ['clicks', 'likes', 'comments', 'shares', 'followers_gained']),
    };
  },
};

export const linkedinPageFollowers: PlatformFormat = {
  format: 'linkedin_page_followers',
  platform: 'linkedin',
  label: 'LinkedIn Page analytics: followers (New followers sheet)',
  kind: 'organic_daily',
  columns: { date: ['date'] },
  metrics: {
    followers_sponsored: ['sponsored followers'],
    followers_organic: ['organic followers'],
    followers_gained: ['total followers'],
  },
  required: [['date']],
  signature: ['sponsored followers', 'organic followers'],
  slashDateOrder: monthFirst,
  engagementDefinition: 'not applicable (followers)',
  context: pageContext,
};

const split = (metric: string, header: string) => ({
  [`${metric}_organic`]: [`${header} (organic)`],
  [`${metric}_sponsored`]: [`${header} (sponsored)`],
  [`${metric}_total`]: [`${header} (total)`],
});

export const linkedinPageUpdates: PlatformFormat = {
  format: 'linkedin_page_updates_daily',
  platform: 'linkedin',
  label: 'LinkedIn Page analytics: daily post metrics (Update metrics sheet)',
  kind: 'organic_daily',
  columns: { date: ['date'] },
  metrics: {
    ...split('impressions', 'impressions'),
    unique_impressions_organic: ['unique impressions (organic)'],
    ...split('clicks', 'clicks'),
    ...split('reactions', 'reactions'),
    ...split('comments', 'comments'),
    ...split('shares', 'shares'),
    reposts_organic: ['reposts (organic)'],
    reposts_sponsored: ['reposts (sponsored)'],
    reposts_total: ['reposts (total)'],
  },
  required: [['date']],
  signature: ['impressions (organic)', 'impressions (total)', 'clicks (organic)'],
  slashDateOrder: monthFirst,
  engagementDefinition: 'clicks + reactions + comments + reposts',
  context: pageContext,
};

/** Sheets of LinkedIn's page workbooks that are known and deliberately not loaded. */
export const LINKEDIN_IGNORED_SHEETS: readonly { sheet: RegExp; why: string }[] = [
  { sheet: /^(location|job function|seniority|industry|company size)$/i, why: 'follower or visitor demographics, not used by the report' },
  { sheet: /^visitor metrics$/i, why: 'page visitor metrics, not used by the report' },
];

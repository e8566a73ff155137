// Organic Facebook Page exports from Meta Business Suite (FORMATS.md §5.1,
// §5.2, [V-real]):
//   posts   Insights → Content → Export: one row per post with lifetime
//           numbers as of the export day; 32–34 columns month to month.
//   series  one CSV per page metric, UTF-16LE, `sep=,`, the metric's name on
//           the line above `"Date","Primary"` (`Facebook follows`, `Views`, …).
import { monthFirst, sumOf, type Context, type PlatformFormat, type Values } from './format.ts';

export const facebookPosts: PlatformFormat = {
  format: 'facebook_posts',
  platform: 'facebook',
  label: 'Facebook Page posts (Meta Business Suite)',
  kind: 'organic_posts',
  columns: {
    post_id: ['post id'],
    account_id: ['page id'],
    account: ['page name'],
    post_title: ['title', 'description'],
    published_at: ['publish time'],
    permalink: ['permalink'],
    post_type: ['post type'],
    lifetime_marker: ['date'],
    impressions: ['views', 'impressions'],
    reach: ['reach'],
    engagements: ['reactions, comments and shares'],
    likes: ['reactions'],
    comments: ['comments'],
    shares: ['shares'],
    clicks: ['total clicks'],
    link_clicks: ['link clicks'],
    video_views: ['3-second video views', '3-second views'],
  },
  required: [['post_id'], ['published_at'], ['impressions', 'reach']],
  signature: ['page id', 'page name'],
  slashDateOrder: monthFirst,
  engagementDefinition: 'reactions + comments + shares',
  finish(row: Values): Values {
    return row.engagements == null ? { ...row, engagements: sumOf(row, ['likes', 'comments', 'shares']) } : row;
  },
};

/** Metric names of the daily page series, as the line above the header gives them. */
const SERIES_METRICS: Record<string, string> = {
  'facebook follows': 'followers_gained',
  follows: 'followers_gained',
  'facebook visits': 'page_visits',
  'content interactions': 'content_interactions',
  'facebook link clicks': 'link_clicks',
  views: 'views',
  viewers: 'viewers',
};

export const facebookPageSeries: PlatformFormat = {
  format: 'facebook_page_daily',
  platform: 'facebook',
  label: 'Facebook Page daily series (Meta Business Suite)',
  kind: 'organic_daily',
  columns: { date: ['date'] },
  metrics: { $context: ['primary'] },
  required: [['date']],
  slashDateOrder: monthFirst,
  engagementDefinition: 'content interactions: reactions, comments, shares, saves and clicks on the page content',
  context(preamble: readonly string[]): Context | null {
    const title = preamble
      .map((line) => line.replace(/^"|"$/g, '').replace(/[,;\t"]+$/, '').trim())
      .filter((line) => line !== '' && !/^sep=/i.test(line))
      .at(-1);
    if (!title) return null;
    const key = title.toLowerCase();
    const metric = SERIES_METRICS[key] ?? key.replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
    return metric ? { metric, metric_title: title } : null;
  },
};

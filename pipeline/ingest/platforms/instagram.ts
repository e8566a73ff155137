// Organic Instagram post export (Business Suite / professional dashboard,
// docs/formats.md, "Instagram posts"): one row per post with lifetime numbers, `Publish
// time` month first, counts possibly with thousands commas. Older exports had
// `Impressions` where newer ones have `Views`.
import { BUSINESS_SUITE_SERIES, seriesContext } from './facebook-page.ts';
import { monthFirst, sumOf, type PlatformFormat, type Values } from './format.ts';

export const instagramPosts: PlatformFormat = {
  format: 'instagram_posts',
  platform: 'instagram',
  label: 'Instagram posts (Meta Business Suite)',
  kind: 'organic_posts',
  columns: {
    post_id: ['post id'],
    account_id: ['account id'],
    account: ['account username', 'account name'],
    post_title: ['description', 'caption'],
    published_at: ['publish time'],
    permalink: ['permalink'],
    post_type: ['post type'],
    lifetime_marker: ['date'],
    impressions: ['views', 'impressions'],
    reach: ['reach'],
    likes: ['likes'],
    comments: ['comments'],
    shares: ['shares'],
    saves: ['saves'],
    followers_gained: ['follows'],
  },
  required: [['post_id'], ['published_at'], ['impressions', 'reach']],
  signature: ['account username', 'saves'],
  slashDateOrder: monthFirst,
  engagementDefinition: 'likes + comments + shares + saves',
  finish(row: Values): Values {
    const isVideo = /reel|video/i.test(row.post_type ?? '');
    return { ...row, engagements: sumOf(row, ['likes', 'comments', 'shares', 'saves']), video_views: isVideo ? (row.impressions ?? null) : null };
  },
};

/**
 * The Instagram account's daily series from Business Suite: the Facebook page
 * series' layout (facebook-page.ts), placed on Instagram by its title
 * (`Instagram profile visits`), a `# platform: instagram` line or an
 * `instagram` folder.
 */
export const instagramSeries: PlatformFormat = {
  ...BUSINESS_SUITE_SERIES,
  format: 'instagram_daily',
  platform: 'instagram',
  label: 'Instagram daily series (Meta Business Suite)',
  engagementDefinition: 'content interactions as Business Suite counts them for the Instagram account',
  context: seriesContext('instagram'),
};

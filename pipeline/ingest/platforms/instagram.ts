// Organic Instagram post export (Business Suite / professional dashboard,
// FORMATS.md §5.3, [C]): one row per post with lifetime numbers, `Publish
// time` month first, counts possibly with thousands commas. Older exports had
// `Impressions` where newer ones have `Views`.
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

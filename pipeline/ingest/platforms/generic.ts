// The generic layout (README, "Generic layout"): for any platform without an
// adapter (XING, Reddit, a newsletter sponsorship). Column names are exactly
// the unified field names; the platform comes from a `platform` column or
// from a `platform: xing` line above the header.
import { monthFirst, type Context, type PlatformFormat, type Values } from './format.ts';

const PLATFORM_LINE = /^\s*#?\s*"?platform\s*[:=]\s*([^",;\t]+?)\s*"?\s*[,;\t]*\s*$/i;

export function platformSlug(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '');
}

export const genericLayout: PlatformFormat = {
  format: 'generic',
  platform: '',
  label: 'Generic layout (any platform)',
  kind: 'ad',
  columns: {
    date: ['date'],
    period_start: ['period_start'],
    period_end: ['period_end'],
    platform_name: ['platform'],
    account: ['account'],
    currency: ['currency'],
    campaign_id: ['campaign_id'],
    campaign_name: ['campaign_name'],
    ad_set_id: ['ad_set_id'],
    ad_set_name: ['ad_set_name'],
    ad_id: ['ad_id'],
    ad_name: ['ad_name'],
    impressions: ['impressions'],
    reach: ['reach'],
    clicks: ['clicks'],
    link_clicks: ['link_clicks'],
    engagements: ['engagements'],
    video_views: ['video_views'],
    followers_gained: ['followers_gained'],
    spend: ['spend'],
    conversions: ['conversions'],
    conversion_value: ['conversion_value'],
    engagement_definition: ['engagement_definition'],
  },
  required: [['date', 'period_start'], ['campaign_name', 'campaign_id'], ['spend']],
  slashDateOrder: monthFirst,
  engagementDefinition: 'as the platform counts engagements (generic layout; give an engagement_definition column to say)',
  context(preamble: readonly string[]): Context {
    for (const line of preamble) {
      const platform = PLATFORM_LINE.exec(line)?.[1];
      if (platform) return { platform: platformSlug(platform) };
    }
    return {};
  },
  finish(row: Values, context: Context): Values {
    const platform = row.platform_name ? platformSlug(row.platform_name) : (context.platform ?? null);
    return { ...row, platform_name: platform || null };
  },
};

// The story: Nordlicht Naturkosmetik GmbH, a German direct-to-consumer shop for natural
// cosmetics. Every number that shapes the sample (budgets, target ROAS, seasonality,
// ad-set names, utm conventions) lives here.

import type { Weighted } from './random.ts';
import { blackFriday, dayOf, weekday, ymd, DATA_END, DATA_START } from './calendar.ts';

export const REPORT_SETTINGS = {
  title: 'Nordlicht Naturkosmetik – Social-Media-ROI',
  currency: 'EUR',
  timezone: 'Europe/Berlin',
  locale: 'de',
  gross_margin: 0.6,
  attribution_model: 'last_touch',
  lookback_days: 30,
  time_decay_half_life_days: 7,
  count_views: false,
  path_transform: 'none',
} as const;

export type Platform =
  | 'meta' | 'linkedin' | 'google_ads' | 'tiktok' | 'pinterest' | 'snapchat'
  | 'x' | 'microsoft_ads' | 'xing' | 'reddit' | 'taboola' | 'spotify';
export type FunnelStage = 'awareness' | 'consideration' | 'conversion';
/** retail: shop seasonality; b2b: corporate gifting (Q4) and weekdays; sale: one flight budget ramping to Black Friday */
export type SpendProfile = 'retail' | 'b2b' | 'sale';

export interface TaxonomyRow {
  campaign: string;
  name: string;
  channel: string;
  funnel_stage: FunnelStage;
  influencer: string;
  coupon_code: string;
  match: string;
}

export interface AdSet {
  name: string;
  id: string;
  share: number;
  /** Meta `Indikator für Ergebnisse` for awareness ad sets */
  resultIndicator?: 'reach' | 'actions:video_view';
}

export interface UtmPlan {
  sources: Weighted<string>;
  medium: string;
  campaign: string;
  contents: readonly string[];
}

export interface PlatformCampaign {
  /** campaigns.csv key; null for the campaign that is deliberately missing there */
  key: string | null;
  platform: Platform;
  name: string;
  id: string;
  googleType: 'Video' | 'Demand Gen' | null;
  funnel: FunnelStage;
  /** delivery periods, inclusive days; clipped to the data range when spend is planned */
  flights: readonly (readonly [number, number])[];
  currency: 'EUR' | 'USD';
  /** account currency per month at season 1 and the April-2026 level; for `sale` the whole flight's budget */
  monthlySpend: number;
  profile: SpendProfile;
  /** intended net attributed revenue (last click, EUR) / media spend (EUR) */
  roas: number;
  /** platform-reported conversion value / intended attributed revenue (platforms over-claim) */
  platformValueFactor: number;
  basketMean: number;
  cpm: number;
  ctr: number;
  linkShare: number;
  frequency: number;
  videoViewRate: number;
  adSets: readonly AdSet[];
  utm: UtmPlan;
  /** share of this campaign's touches (other than the deciding last click) that are views */
  viewShare: number;
  /** how often it appears as an earlier touch in buyers' journeys */
  assistWeight: number;
  /** how often it appears in journeys of people who never buy */
  nonBuyerWeight: number;
}

export interface Influencer {
  key: string;
  name: string;
  coupon: string;
  monthlyFee: number;
  /** intended coupon revenue / fee */
  roas: number;
  postsPerMonth: number;
  /** share of her/his orders whose last click is the influencer's link (the rest: coupon only) */
  clickShare: number;
  utm: UtmPlan;
  assistWeight: number;
  nonBuyerWeight: number;
}

export interface Brand {
  taxonomy: TaxonomyRow[];
  campaigns: PlatformCampaign[];
  influencers: Influencer[];
  /** multiplies every amount in costs.csv (1 at scale 1) */
  costScale: number;
}

// ---------------------------------------------------------------- seasonality

const RETAIL_SEASON = [0.85, 0.8, 0.95, 1.0, 1.0, 0.9, 0.7, 0.72, 0.95, 1.0, 1.3, 1.25] as const;
const B2B_SEASON = [0.5, 0.55, 0.6, 0.6, 0.6, 0.5, 0.4, 0.5, 0.9, 1.5, 1.9, 1.1] as const;
const RETAIL_WEEKDAY = [1.05, 1.0, 0.97, 0.97, 0.95, 0.9, 1.16] as const;
const B2B_WEEKDAY = [1.3, 1.3, 1.3, 1.3, 1.25, 0.25, 0.15] as const;
const GROWTH_REFERENCE = dayOf('2026-04-01');
export const AVG_DAYS_PER_MONTH = 30.44;

function at(values: readonly number[], index: number): number {
  const v = values[index];
  if (v === undefined) throw new Error(`no value at ${index}`);
  return v;
}

export function retailSeason(day: number): number {
  return at(RETAIL_SEASON, ymd(day).m - 1);
}

export function b2bSeason(day: number): number {
  return at(B2B_SEASON, ymd(day).m - 1);
}

/** ~15% a year. */
export function growth(day: number): number {
  return 1.15 ** ((day - GROWTH_REFERENCE) / 365.25);
}

/** Black Week and Christmas inside the month's level. */
export function retailShape(day: number): number {
  const { y, m, d } = ymd(day);
  const bf = blackFriday(y);
  if (day >= bf - 4 && day <= bf + 3) return day === bf ? 2.4 : 1.7;
  if (m === 11) return 0.85;
  if (m === 12) {
    if (d <= 20) return 1.15;
    if (d <= 23) return 0.9;
    if (d <= 26) return 0.45;
    return 0.8;
  }
  return 1;
}

export function retailWeekday(day: number): number {
  return at(RETAIL_WEEKDAY, weekday(day));
}

export function b2bWeekday(day: number): number {
  return at(B2B_WEEKDAY, weekday(day));
}

/** Orders per month that no campaign or influencer drives (organic, newsletter, direct), at season 1. */
export const BASE_ORDERS_PER_MONTH = 150;
/** New visitors per month who never buy, at season 1. */
export const NON_BUYERS_PER_MONTH = 370;

// ---------------------------------------------------------------- utm conventions

const META_SOURCES: Weighted<string> = [
  ['instagram', 40], ['facebook', 34], ['Instagram', 4], ['Facebook', 6], ['ig', 8], ['fb', 8],
];
const REELS_SOURCES: Weighted<string> = [['instagram', 72], ['Instagram', 8], ['ig', 12], ['facebook', 8]];

function adIds(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `ad_${String(from + i).padStart(3, '0')}`);
}

export const ORGANIC_UTM: UtmPlan = { sources: [['google', 1]], medium: 'organic', campaign: '', contents: [''] };
export const NEWSLETTER_UTM = {
  sources: [['newsletter', 1]] as Weighted<string>,
  medium: 'email',
  campaignPrefix: 'nl_newsletter_',
  contents: ['cta_header', 'produkt_01', 'produkt_02', 'footer'],
} as const;

// ---------------------------------------------------------------- campaigns

/**
 * A click-to-WhatsApp campaign (Meta Ads, result: messaging conversations started), from
 * March 2026: skin-care advice in WhatsApp. It drives no orders in the sample (sales in
 * the chat are not the shop's), so it is no spend plan: formats/meta.ts writes its rows
 * from a random stream of its own, after each day's other rows, and nothing else in the
 * sample changes with it. Not scaled: a small campaign at every scale.
 */
export const WHATSAPP_CAMPAIGN = {
  key: 'meta_whatsapp_beratung',
  name: 'NL | WhatsApp | Hautberatung',
  adSet: 'Click-to-WhatsApp | Frauen 25-54',
  first: '2026-03-02',
  dailyEuros: 16,
  cpm: 7.5,
  ctr: 0.014,
  costPerConversation: 2.9,
} as const;

const BASE_TAXONOMY: TaxonomyRow[] = [
  row('meta_prospecting', 'Meta Prospecting – Broad', 'Meta', 'conversion', '', '', 'NL * Prospecting*|nl_prospecting*'),
  row('meta_retargeting', 'Meta Retargeting – Warenkorb', 'Meta', 'conversion', '', '', 'NL * Retargeting*|nl_retargeting*'),
  row('meta_black_friday', 'Meta Black Friday', 'Meta', 'conversion', '', '', 'NL * Black Friday*|nl_blackfriday*'),
  row('meta_reels_awareness', 'Instagram Reels – Markenbekanntheit', 'Meta', 'awareness', '', '', 'NL * Reels Awareness*|nl_reels*'),
  row('meta_whatsapp_beratung', 'WhatsApp Hautberatung (Click-to-WhatsApp)', 'Meta', 'consideration', '', '', 'NL * WhatsApp*'),
  row('linkedin_b2b_gifting', 'LinkedIn Firmengeschenke B2B', 'LinkedIn', 'consideration', '', '', 'Firmengeschenke*|li_b2b_gifting*'),
  row('youtube_brand_video', 'YouTube Markenvideo', 'YouTube', 'awareness', '', '', 'YT - Markenvideo*|yt_brand*'),
  row('youtube_demand_gen', 'YouTube Demand Gen – Bestseller', 'YouTube', 'conversion', '', '', 'YT - Demand Gen*|yt_demandgen*'),
  row('tiktok_spark_ads', 'TikTok Spark Ads – Hautpflege', 'TikTok', 'consideration', '', '', 'TT - Spark Ads*|tt_spark*'),
  row('pinterest_geschenkideen', 'Pinterest Geschenkideen', 'Pinterest', 'consideration', '', '', 'PIN - Geschenkideen*|pin_geschenk*'),
  row('snapchat_story_ads', 'Snapchat Story Ads – Gen Z', 'Snapchat', 'awareness', '', '', 'SC - Story Ads*|sc_story*'),
  row('influencer_lena', 'Influencerin Lena Sommer', 'Influencer', 'conversion', 'Lena Sommer', 'LENA15', 'infl_lena*'),
  row('influencer_jonas', 'Influencer Jonas Berg', 'Influencer', 'conversion', 'Jonas Berg', 'JONAS10', 'infl_jonas*'),
];

function row(
  campaign: string, name: string, channel: string, funnel_stage: FunnelStage,
  influencer: string, coupon_code: string, match: string,
): TaxonomyRow {
  return { campaign, name, channel, funnel_stage, influencer, coupon_code, match };
}

const range = (first: string, last: string): readonly [number, number] => [dayOf(first), dayOf(last)];
const WHOLE_PERIOD = [[DATA_START, DATA_END]] as const;

const META_DEFAULTS = {
  platform: 'meta', id: '', googleType: null, currency: 'EUR', profile: 'retail', basketMean: 55,
  videoViewRate: 0, viewShare: 0, flights: WHOLE_PERIOD,
} as const;

const PROSPECTING: PlatformCampaign = {
  ...META_DEFAULTS,
  key: 'meta_prospecting', name: 'NL | Prospecting | Broad', funnel: 'conversion',
  monthlySpend: 1800, roas: 3, platformValueFactor: 1.7,
  cpm: 7.5, ctr: 0.018, linkShare: 0.55, frequency: 1.25,
  adSets: [
    { name: 'Frauen 25-44 | Interessen Naturkosmetik', id: '', share: 0.6 },
    { name: 'Frauen 35-54 | Bio & Nachhaltigkeit', id: '', share: 0.4 },
  ],
  utm: { sources: META_SOURCES, medium: 'paid_social', campaign: 'nl_prospecting_broad', contents: adIds(1, 8) },
  assistWeight: 30, nonBuyerWeight: 30,
};

const RETARGETING: PlatformCampaign = {
  ...META_DEFAULTS,
  key: 'meta_retargeting', name: 'NL | Retargeting | Warenkorb 14T', funnel: 'conversion',
  monthlySpend: 550, roas: 7, platformValueFactor: 1.5,
  cpm: 14, ctr: 0.028, linkShare: 0.6, frequency: 1.6,
  adSets: [
    { name: 'Warenkorbabbrecher | 14 Tage', id: '', share: 0.65 },
    { name: 'Website-Besucher 30 Tage | ohne Kauf', id: '', share: 0.35 },
  ],
  utm: { sources: META_SOURCES, medium: 'paid_social', campaign: 'nl_retargeting_cart', contents: adIds(11, 6) },
  assistWeight: 6, nonBuyerWeight: 6,
};

const BLACK_WEEK_AD_SETS: readonly AdSet[] = [
  { name: 'Black Week | Bestandskunden', id: '', share: 0.45 },
  { name: 'Black Week | Neukunden Broad', id: '', share: 0.55 },
];

const BLACK_FRIDAY_2025: PlatformCampaign = {
  ...META_DEFAULTS,
  key: 'meta_black_friday', name: 'NL | Black Friday 2025', funnel: 'conversion', profile: 'sale',
  flights: [range('2025-11-14', '2025-11-30')],
  monthlySpend: 5500, roas: 4, platformValueFactor: 1.6,
  cpm: 11, ctr: 0.024, linkShare: 0.58, frequency: 1.4,
  adSets: BLACK_WEEK_AD_SETS,
  utm: { sources: META_SOURCES, medium: 'paid_social', campaign: 'nl_blackfriday_2025', contents: adIds(21, 4) },
  assistWeight: 20, nonBuyerWeight: 15,
};

const BLACK_FRIDAY_2026: PlatformCampaign = {
  ...BLACK_FRIDAY_2025,
  name: 'NL | Black Friday 2026',
  // planned to 30 November; the data stop on the 15th
  flights: [range('2026-11-10', '2026-11-30')],
  monthlySpend: 6300,
  utm: { ...BLACK_FRIDAY_2025.utm, campaign: 'nl_blackfriday_2026', contents: adIds(25, 4) },
};

const REELS: PlatformCampaign = {
  ...META_DEFAULTS,
  key: 'meta_reels_awareness', name: 'NL | Reels Awareness | Q4', funnel: 'awareness',
  monthlySpend: 650, roas: 0.4, platformValueFactor: 0,
  cpm: 4.5, ctr: 0.009, linkShare: 0.4, frequency: 1.35, videoViewRate: 0.3,
  adSets: [
    { name: 'Reels | Frauen 18-34 | Videoaufrufe', id: '', share: 0.55, resultIndicator: 'actions:video_view' },
    { name: 'Reels | DACH Broad | Reichweite', id: '', share: 0.45, resultIndicator: 'reach' },
  ],
  utm: { sources: REELS_SOURCES, medium: 'paid_social', campaign: 'nl_reels_awareness', contents: adIds(31, 6) },
  viewShare: 0.8, assistWeight: 18, nonBuyerWeight: 30,
};

const TEST_LOOKALIKE: PlatformCampaign = {
  ...META_DEFAULTS,
  key: null, name: 'NL | Test | Neue Zielgruppe Lookalike', funnel: 'conversion',
  flights: [range('2026-06-01', '2026-10-31')],
  monthlySpend: 280, roas: 0.85, platformValueFactor: 1.8,
  cpm: 9, ctr: 0.015, linkShare: 0.55, frequency: 1.2,
  adSets: [
    { name: 'Lookalike 1 % | Käufer 180 Tage', id: '', share: 0.5 },
    { name: 'Lookalike 3 % | Käufer 180 Tage', id: '', share: 0.5 },
  ],
  utm: { sources: META_SOURCES, medium: 'paid_social', campaign: 'nl_test_lookalike', contents: adIds(41, 2) },
  assistWeight: 3, nonBuyerWeight: 6,
};

const LINKEDIN_GIFTING: PlatformCampaign = {
  key: 'linkedin_b2b_gifting', platform: 'linkedin', name: 'Firmengeschenke 2025/26', id: '614000111',
  googleType: null, funnel: 'consideration', flights: WHOLE_PERIOD, currency: 'USD',
  monthlySpend: 650, profile: 'b2b', roas: 0.6, platformValueFactor: 2.0, basketMean: 95,
  cpm: 38, ctr: 0.0065, linkShare: 0.8, frequency: 1.2, videoViewRate: 0,
  adSets: [
    { name: 'Firmengeschenke – HR-Entscheider DACH', id: '228000101', share: 0.55 },
    { name: 'Firmengeschenke – Office Manager', id: '228000102', share: 0.45 },
  ],
  utm: { sources: [['linkedin', 1]], medium: 'paid_social', campaign: 'li_b2b_gifting_2526', contents: adIds(51, 4) },
  viewShare: 0, assistWeight: 2, nonBuyerWeight: 6,
};

const YOUTUBE_DEFAULTS = {
  platform: 'google_ads', currency: 'EUR', profile: 'retail', basketMean: 55, frequency: 1,
  adSets: [{ name: '', id: '', share: 1 }],
} as const;

const BRAND_VIDEO: PlatformCampaign = {
  ...YOUTUBE_DEFAULTS,
  key: 'youtube_brand_video', name: 'YT - Markenvideo Herbst/Winter', id: '20931000001', googleType: 'Video',
  funnel: 'awareness',
  flights: [range('2025-09-01', '2026-03-31'), range('2026-09-01', '2026-11-15')],
  monthlySpend: 850, roas: 0.3, platformValueFactor: 2.5,
  cpm: 6.5, ctr: 0.0035, linkShare: 1, videoViewRate: 0.28,
  utm: { sources: [['youtube', 1]], medium: 'paid_video', campaign: 'yt_brand_autumn', contents: adIds(61, 3) },
  viewShare: 0.8, assistWeight: 14, nonBuyerWeight: 25,
};

const DEMAND_GEN: PlatformCampaign = {
  ...YOUTUBE_DEFAULTS,
  key: 'youtube_demand_gen', name: 'YT - Demand Gen Bestseller', id: '20931000002', googleType: 'Demand Gen',
  funnel: 'conversion', flights: WHOLE_PERIOD,
  monthlySpend: 520, roas: 2.5, platformValueFactor: 1.4,
  cpm: 5.5, ctr: 0.009, linkShare: 1, videoViewRate: 0,
  utm: { sources: [['youtube', 1]], medium: 'paid_video', campaign: 'yt_demandgen_bestseller', contents: adIds(71, 4) },
  viewShare: 0, assistWeight: 8, nonBuyerWeight: 8,
};

// Channels added in 2026: TikTok from January, Snapchat as a summer test, Pinterest for gift season.
const TIKTOK_SPARK: PlatformCampaign = {
  key: 'tiktok_spark_ads', platform: 'tiktok', name: 'TT - Spark Ads Hautpflege', id: '1780000000001', googleType: null,
  funnel: 'consideration', flights: [range('2026-01-12', '2026-11-15')], currency: 'EUR',
  monthlySpend: 700, profile: 'retail', roas: 1.6, platformValueFactor: 1.7, basketMean: 45,
  cpm: 5, ctr: 0.008, linkShare: 1, frequency: 1.3, videoViewRate: 0.35,
  adSets: [
    { name: 'Frauen 18-34 DACH', id: '1780000000101', share: 0.6 },
    { name: 'Skincare-Interessierte', id: '1780000000102', share: 0.4 },
  ],
  utm: { sources: [['tiktok', 1]], medium: 'paid_social', campaign: 'tt_spark_hautpflege', contents: adIds(81, 4) },
  viewShare: 0.5, assistWeight: 10, nonBuyerWeight: 20,
};

const PINTEREST_GIFTS: PlatformCampaign = {
  key: 'pinterest_geschenkideen', platform: 'pinterest', name: 'PIN - Geschenkideen Naturkosmetik', id: '626700000001',
  googleType: null, funnel: 'consideration', flights: [range('2025-10-15', '2025-12-23'), range('2026-04-20', '2026-05-10'), range('2026-10-12', '2026-11-15')],
  currency: 'EUR', monthlySpend: 420, profile: 'retail', roas: 2.2, platformValueFactor: 1.5, basketMean: 62,
  cpm: 3.5, ctr: 0.006, linkShare: 0.55, frequency: 1.2, videoViewRate: 0,
  adSets: [{ name: 'Geschenke für Sie', id: '626700000101', share: 1 }],
  utm: { sources: [['pinterest', 1]], medium: 'paid_social', campaign: 'pin_geschenkideen', contents: adIds(91, 3) },
  viewShare: 0.3, assistWeight: 4, nonBuyerWeight: 8,
};

const SNAPCHAT_STORIES: PlatformCampaign = {
  key: 'snapchat_story_ads', platform: 'snapchat', name: 'SC - Story Ads Gen Z', id: '', googleType: null,
  funnel: 'awareness', flights: [range('2026-05-04', '2026-08-30')], currency: 'EUR',
  monthlySpend: 300, profile: 'retail', roas: 0.5, platformValueFactor: 2.2, basketMean: 38,
  cpm: 3, ctr: 0.009, linkShare: 1, frequency: 1.4, videoViewRate: 0.45,
  adSets: [{ name: 'Gen Z DACH', id: '', share: 1 }],
  utm: { sources: [['snapchat', 1]], medium: 'paid_social', campaign: 'sc_story_genz', contents: adIds(95, 2) },
  viewShare: 0.7, assistWeight: 3, nonBuyerWeight: 10,
};

const INFLUENCERS: Influencer[] = [
  {
    key: 'influencer_lena', name: 'Lena Sommer', coupon: 'LENA15', monthlyFee: 1800, roas: 4, postsPerMonth: 3,
    clickShare: 0.6,
    utm: { sources: [['instagram', 1]], medium: 'influencer', campaign: 'infl_lena_2026', contents: ['story_01', 'story_02', 'reel_01', 'bio_link'] },
    assistWeight: 5, nonBuyerWeight: 6,
  },
  {
    key: 'influencer_jonas', name: 'Jonas Berg', coupon: 'JONAS10', monthlyFee: 1500, roas: 0.8, postsPerMonth: 2,
    clickShare: 0.65,
    utm: { sources: [['instagram', 1]], medium: 'influencer', campaign: 'infl_jonas_2026', contents: ['story_01', 'reel_01', 'bio_link'] },
    assistWeight: 2, nonBuyerWeight: 6,
  },
];

// ---------------------------------------------------------------- the portfolio (scale > 1)

/**
 * Above scale 1 the shop grows into a large advertiser: a portfolio of product-line
 * campaigns, each running on every one of the twelve platforms for the data's last
 * 365 days. About 4.9 per unit of scale (488 at scale 100, so 500 taxonomy campaigns
 * with the twelve of the sample); none at scale 1, which stays the bundled sample.
 */
export function portfolioCampaignCount(scale: number): number {
  return scale > 1 ? Math.max(1, Math.round(4.88 * scale)) : 0;
}

/** The platforms a portfolio campaign runs on; the last four write the generic layout. */
export const PORTFOLIO_PLATFORMS = [
  'meta', 'linkedin', 'google_ads', 'tiktok', 'pinterest', 'snapchat', 'x', 'microsoft_ads', 'xing', 'reddit', 'taboola', 'spotify',
] as const satisfies readonly Platform[];

/** Display names of the platforms that write the generic layout (`# platform: XING`). */
export const GENERIC_PLATFORM_NAMES: Readonly<Partial<Record<Platform, string>>> = {
  xing: 'XING', reddit: 'Reddit', taboola: 'Taboola', spotify: 'Spotify',
};

const PRODUCT_LINES = [
  'Gesichtspflege', 'Körperpflege', 'Haarpflege', 'Sonnenschutz', 'Geschenksets', 'Lippenpflege', 'Handpflege',
  'Männerpflege', 'Babypflege', 'Duschpflege', 'Deo', 'Make-up',
] as const;

interface PortfolioPlatform {
  /** campaign name on the platform, from the portfolio number and product line */
  name: (nnn: string, line: string) => string;
  ad: (nnn: string) => string;
  utm: Omit<UtmPlan, 'campaign' | 'contents'>;
  currency: 'EUR' | 'USD';
  cpm: number;
  ctr: number;
  linkShare: number;
  frequency: number;
  videoViewRate: number;
  viewShare: number;
  idBase: number;
}

const PORTFOLIO: Readonly<Record<(typeof PORTFOLIO_PLATFORMS)[number], PortfolioPlatform>> = {
  meta: { name: (n, l) => `NL | Sortiment ${n} | ${l}`, ad: (n) => `Sortiment ${n} | Broad DACH`, utm: { sources: META_SOURCES, medium: 'paid_social' }, currency: 'EUR', cpm: 8, ctr: 0.016, linkShare: 0.55, frequency: 1.3, videoViewRate: 0.1, viewShare: 0.3, idBase: 0 },
  linkedin: { name: (n, l) => `Sortiment ${n} ${l} B2B`, ad: (n) => `Sortiment ${n} – Einkauf DACH`, utm: { sources: [['linkedin', 1]], medium: 'paid_social' }, currency: 'USD', cpm: 35, ctr: 0.006, linkShare: 0.8, frequency: 1.2, videoViewRate: 0, viewShare: 0, idBase: 615000000 },
  google_ads: { name: (n, l) => `YT - Sortiment ${n} ${l}`, ad: () => '', utm: { sources: [['youtube', 1]], medium: 'paid_video' }, currency: 'EUR', cpm: 6, ctr: 0.009, linkShare: 1, frequency: 1, videoViewRate: 0, viewShare: 0.2, idBase: 20932000000 },
  tiktok: { name: (n, l) => `TT - Sortiment ${n} ${l}`, ad: (n) => `Sortiment ${n} Frauen 18-34`, utm: { sources: [['tiktok', 1]], medium: 'paid_social' }, currency: 'EUR', cpm: 5, ctr: 0.008, linkShare: 1, frequency: 1.3, videoViewRate: 0.35, viewShare: 0.4, idBase: 1781000000000 },
  pinterest: { name: (n, l) => `PIN - Sortiment ${n} ${l}`, ad: (n) => `Sortiment ${n} Ideen`, utm: { sources: [['pinterest', 1]], medium: 'paid_social' }, currency: 'EUR', cpm: 3.5, ctr: 0.006, linkShare: 0.55, frequency: 1.2, videoViewRate: 0, viewShare: 0.3, idBase: 626800000000 },
  snapchat: { name: (n, l) => `SC - Sortiment ${n} ${l}`, ad: (n) => `Sortiment ${n} Gen Z`, utm: { sources: [['snapchat', 1]], medium: 'paid_social' }, currency: 'EUR', cpm: 3, ctr: 0.009, linkShare: 1, frequency: 1.4, videoViewRate: 0.45, viewShare: 0.5, idBase: 0 },
  x: { name: (n, l) => `X - Sortiment ${n} ${l}`, ad: (n) => `Sortiment ${n} Follower-Lookalikes`, utm: { sources: [['twitter', 1], ['x', 3]], medium: 'paid_social' }, currency: 'EUR', cpm: 4, ctr: 0.007, linkShare: 0.6, frequency: 1.3, videoViewRate: 0.2, viewShare: 0.3, idBase: 0 },
  microsoft_ads: { name: (n, l) => `MS - Sortiment ${n} ${l}`, ad: (n) => `Sortiment ${n} Marke`, utm: { sources: [['bing', 1]], medium: 'cpc' }, currency: 'EUR', cpm: 12, ctr: 0.03, linkShare: 1, frequency: 1, videoViewRate: 0, viewShare: 0, idBase: 436600000 },
  xing: { name: (n, l) => `XING | Sortiment ${n} | ${l}`, ad: (n) => `Sortiment ${n} HR`, utm: { sources: [['xing', 1]], medium: 'paid_social' }, currency: 'EUR', cpm: 20, ctr: 0.007, linkShare: 1, frequency: 1.2, videoViewRate: 0, viewShare: 0, idBase: 0 },
  reddit: { name: (n, l) => `RD - Sortiment ${n} ${l}`, ad: (n) => `Sortiment ${n} r/SkincareAddiction`, utm: { sources: [['reddit', 1]], medium: 'paid_social' }, currency: 'EUR', cpm: 4, ctr: 0.005, linkShare: 1, frequency: 1.3, videoViewRate: 0, viewShare: 0.2, idBase: 0 },
  taboola: { name: (n, l) => `TB - Sortiment ${n} ${l}`, ad: (n) => `Sortiment ${n} Native`, utm: { sources: [['taboola', 1]], medium: 'native' }, currency: 'EUR', cpm: 2.5, ctr: 0.004, linkShare: 1, frequency: 1.5, videoViewRate: 0, viewShare: 0.3, idBase: 0 },
  spotify: { name: (n, l) => `SP - Sortiment ${n} ${l}`, ad: (n) => `Sortiment ${n} Audio`, utm: { sources: [['spotify', 1]], medium: 'audio' }, currency: 'EUR', cpm: 9, ctr: 0.002, linkShare: 1, frequency: 2, videoViewRate: 0, viewShare: 0.6, idBase: 0 },
};

/** Daily spend of one portfolio campaign on one platform at season 1 (account currency, per month). */
const PORTFOLIO_MONTHLY_SPEND = 1390;
/** Portfolio campaigns run for the data's last 365 days. */
const PORTFOLIO_FLIGHT = [[DATA_END - 364, DATA_END]] as const;

/** The portfolio: taxonomy rows and one platform campaign per platform for each. */
function portfolio(count: number): { taxonomy: TaxonomyRow[]; campaigns: PlatformCampaign[] } {
  const taxonomy: TaxonomyRow[] = [];
  const campaigns: PlatformCampaign[] = [];
  for (let i = 1; i <= count; i++) {
    const nnn = String(i).padStart(3, '0');
    const line = PRODUCT_LINES[(i - 1) % PRODUCT_LINES.length] ?? 'Gesichtspflege';
    const key = `portfolio_${nnn}`;
    const funnel: FunnelStage = i % 5 === 0 ? 'awareness' : i % 3 === 0 ? 'consideration' : 'conversion';
    taxonomy.push(row(key, `Sortiment ${nnn} – ${line}`, `Sortiment ${line}`, funnel, '', '', `*Sortiment ${nnn} *|sortiment_${nnn}_*`));
    PORTFOLIO_PLATFORMS.forEach((platform, k) => {
      const p = PORTFOLIO[platform];
      // ROAS between 0.6 and 4.2, varying by campaign and platform; awareness campaigns earn least
      const roas = (funnel === 'awareness' ? 0.5 : 1) * (0.8 + ((i * 7 + k * 5) % 12) * 0.3);
      campaigns.push({
        key, platform, name: p.name(nnn, line), id: p.idBase ? String(p.idBase + i * 16 + k) : '',
        googleType: platform === 'google_ads' ? 'Demand Gen' : null, funnel, flights: PORTFOLIO_FLIGHT, currency: p.currency,
        monthlySpend: PORTFOLIO_MONTHLY_SPEND * (0.7 + ((i * 11 + k * 3) % 7) * 0.1), profile: 'retail', roas,
        platformValueFactor: 1.3 + (k % 4) * 0.2, basketMean: 55, cpm: p.cpm, ctr: p.ctr, linkShare: p.linkShare,
        frequency: p.frequency, videoViewRate: p.videoViewRate,
        adSets: [{ name: p.ad(nnn), id: p.idBase ? String(p.idBase + 900000 + i * 16 + k) : '', share: 1 }],
        utm: { ...p.utm, campaign: `sortiment_${nnn}_${platform}`, contents: adIds(1000 + 2 * i, 2) },
        viewShare: p.viewShare, assistWeight: 1, nonBuyerWeight: 1,
      });
    });
  }
  return { taxonomy, campaigns };
}

/**
 * The campaign set for a scale. Media budgets and influencer fees grow with the scale, so
 * orders and spend stay in proportion; above scale 1 the portfolio campaigns join them.
 */
export function buildBrand(scale: number): Brand {
  const scaled = (c: PlatformCampaign): PlatformCampaign => ({ ...c, monthlySpend: c.monthlySpend * scale });
  const campaigns: PlatformCampaign[] = [
    PROSPECTING, RETARGETING, BLACK_FRIDAY_2025, BLACK_FRIDAY_2026, REELS, TEST_LOOKALIKE, LINKEDIN_GIFTING, BRAND_VIDEO,
    DEMAND_GEN, TIKTOK_SPARK, PINTEREST_GIFTS, SNAPCHAT_STORIES,
  ].map(scaled);
  const extra = portfolio(portfolioCampaignCount(scale));
  const influencers = INFLUENCERS.map((inf) => ({ ...inf, monthlyFee: inf.monthlyFee * scale }));
  return { taxonomy: [...BASE_TAXONOMY, ...extra.taxonomy], campaigns: [...campaigns, ...extra.campaigns], influencers, costScale: scale };
}

// ---------------------------------------------------------------- time of day

/** Shop visits and orders by Berlin hour: evening peak, some shopping after midnight. */
const HOUR_WEIGHTS = [
  2.4, 1.3, 0.6, 0.3, 0.2, 0.3, 0.6, 1.2, 2.0, 2.7, 3.1, 3.4,
  3.9, 3.7, 3.5, 3.5, 3.8, 4.2, 4.9, 5.8, 6.4, 6.0, 4.8, 3.5,
] as const;
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((s, w) => s + w, 0);

/** A Berlin wall-clock second of the day, following HOUR_WEIGHTS. */
export function secondOfDay(rng: { next(): number; int(lo: number, hi: number): number }): number {
  let r = rng.next() * HOUR_TOTAL;
  let hour = 0;
  for (const w of HOUR_WEIGHTS) {
    r -= w;
    if (r < 0) break;
    hour++;
  }
  return Math.min(hour, 23) * 3600 + rng.int(0, 3599);
}

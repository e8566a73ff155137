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

export type Platform = 'meta' | 'linkedin' | 'google_ads' | 'tiktok' | 'pinterest' | 'snapchat';
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

const BASE_TAXONOMY: TaxonomyRow[] = [
  row('meta_prospecting', 'Meta Prospecting – Broad', 'Meta', 'conversion', '', '', 'NL * Prospecting*|nl_prospecting*'),
  row('meta_retargeting', 'Meta Retargeting – Warenkorb', 'Meta', 'conversion', '', '', 'NL * Retargeting*|nl_retargeting*'),
  row('meta_black_friday', 'Meta Black Friday', 'Meta', 'conversion', '', '', 'NL * Black Friday*|nl_blackfriday*'),
  row('meta_reels_awareness', 'Instagram Reels – Markenbekanntheit', 'Meta', 'awareness', '', '', 'NL * Reels Awareness*|nl_reels*'),
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

/** Extra numbered campaigns per platform at higher scales (0 at scale 1, 9 at scale 100). */
export function extraCampaignCount(scale: number): number {
  return scale > 1 ? Math.max(0, Math.round(Math.sqrt(scale)) - 1) : 0;
}

/**
 * The campaign set for a scale. Media budgets and influencer fees grow with the scale, so
 * orders and spend stay in proportion; the template campaign of each platform shares its
 * budget with the numbered extras.
 */
export function buildBrand(scale: number): Brand {
  const extras = extraCampaignCount(scale);
  const scaled = (c: PlatformCampaign, factor: number): PlatformCampaign => ({
    ...c,
    monthlySpend: c.monthlySpend * factor,
  });
  const share = scale / (1 + extras);
  const campaigns: PlatformCampaign[] = [
    scaled(PROSPECTING, share),
    scaled(RETARGETING, scale),
    scaled(BLACK_FRIDAY_2025, scale),
    scaled(BLACK_FRIDAY_2026, scale),
    scaled(REELS, scale),
    scaled(TEST_LOOKALIKE, scale),
    scaled(LINKEDIN_GIFTING, share),
    scaled(BRAND_VIDEO, scale),
    scaled(DEMAND_GEN, share),
    scaled(TIKTOK_SPARK, scale),
    scaled(PINTEREST_GIFTS, scale),
    scaled(SNAPCHAT_STORIES, scale),
  ];
  const taxonomy = [...BASE_TAXONOMY];
  for (let i = 2; i <= extras + 1; i++) {
    const nn = String(i).padStart(2, '0');
    const roas = 1.5 + ((i * 7) % 6) * 0.5;
    campaigns.push({
      ...scaled(PROSPECTING, share),
      key: `meta_scale_${nn}`, name: `NL | Skalierung ${nn} | Broad`, roas,
      utm: { ...PROSPECTING.utm, campaign: `nl_scale_${nn}_broad`, contents: adIds(100 + 10 * i, 4) },
    });
    taxonomy.push(row(`meta_scale_${nn}`, `Meta Skalierung ${nn}`, 'Meta', 'conversion', '', '', `NL * Skalierung ${nn} *|nl_scale_${nn}_*`));
    campaigns.push({
      ...scaled(LINKEDIN_GIFTING, share),
      key: `linkedin_scale_${nn}`, name: `Skalierung ${nn} B2B`, id: String(614000200 + i), roas: roas / 3,
      adSets: [
        { name: `Skalierung ${nn} – Einkauf DACH`, id: String(228000200 + 2 * i), share: 0.5 },
        { name: `Skalierung ${nn} – Geschäftsführung`, id: String(228000201 + 2 * i), share: 0.5 },
      ],
      utm: { ...LINKEDIN_GIFTING.utm, campaign: `li_scale_${nn}_b2b`, contents: adIds(500 + 10 * i, 2) },
    });
    taxonomy.push(row(`linkedin_scale_${nn}`, `LinkedIn Skalierung ${nn}`, 'LinkedIn', 'consideration', '', '', `Skalierung ${nn} B2B*|li_scale_${nn}_*`));
    campaigns.push({
      ...scaled(DEMAND_GEN, share),
      key: `youtube_scale_${nn}`, name: `YT - Skalierung ${nn} Demand Gen`, id: String(20931000100 + i), roas,
      utm: { ...DEMAND_GEN.utm, campaign: `yt_scale_${nn}_demandgen`, contents: adIds(700 + 10 * i, 2) },
    });
    taxonomy.push(row(`youtube_scale_${nn}`, `YouTube Skalierung ${nn}`, 'YouTube', 'conversion', '', '', `YT - Skalierung ${nn} *|yt_scale_${nn}_*`));
  }
  const influencers = INFLUENCERS.map((inf) => ({ ...inf, monthlyFee: inf.monthlyFee * scale }));
  return { taxonomy, campaigns, influencers, costScale: scale };
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

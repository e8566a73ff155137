// What an export format is: which field each of its columns fills, in which
// languages, and which of them a file must have to be recognised as that
// format. Adapters are data plus an optional `finish` for semantics a header
// map cannot express. Three kinds of export share the machinery:
//   ad             paid platform rows (daily, or period rows) → raw_ad_daily / raw_ad_periods
//   organic_posts  one row per post with lifetime numbers       → raw_organic_posts
//   organic_daily  page-level daily series (followers, views)    → raw_organic_daily

export const FIELDS = {
  // when
  date: 'date',
  period_start: 'date',
  period_end: 'date',
  /** one cell holding a day or a range (`2026-10-01 - 2026-10-31`) */
  period: 'daterange',
  published_at: 'datetime',
  // who and what
  platform_name: 'text',
  account: 'text',
  account_id: 'id',
  currency: 'text',
  placement: 'text',
  campaign_id: 'id',
  campaign_name: 'text',
  ad_set_id: 'id',
  ad_set_name: 'text',
  ad_id: 'id',
  ad_name: 'text',
  post_id: 'id',
  post_type: 'text',
  post_title: 'text',
  permalink: 'text',
  lifetime_marker: 'text',
  engagement_definition: 'text',
  result_indicator: 'text',
  /** the campaign objective the platform names (Meta's `Objective`, `Ziel`) */
  objective: 'text',
  // counts and money
  impressions: 'count',
  reach: 'count',
  clicks: 'count',
  link_clicks: 'count',
  engagements: 'count',
  video_views: 'count',
  likes: 'count',
  comments: 'count',
  shares: 'count',
  saves: 'count',
  followers_gained: 'count',
  /** conversations people started in Messenger, WhatsApp or Instagram Direct after the ad */
  messaging_conversations: 'count',
  /** people who wrote to the business for the first time after the ad */
  new_messaging_contacts: 'count',
  spend: 'decimal',
  /** spend in millionths of the currency (API-style exports) */
  spend_micros: 'decimal',
  conversions: 'decimal',
  conversion_value: 'decimal',
  result_count: 'decimal',
} as const;

export type Field = keyof typeof FIELDS;
export type FieldKind = (typeof FIELDS)[Field];
export type Values = Partial<Record<Field, string | null>>;

/** Kept for the older name. */
export type UnifiedField = Field;
export type UnifiedValues = Values;
export const UNIFIED_FIELDS = FIELDS;

export type ExportKind = 'ad' | 'organic_posts' | 'organic_daily';

/** What the lines above the header (and the sheet name of a workbook) tell: a metric name, a platform, a period. */
export type Context = Record<string, string>;

export interface PlatformFormat {
  /** Format id, as it appears in the manifest (`meta_ads`). */
  format: string;
  /** Platform name in the datasets (`meta`); the generic layout takes it from the file. */
  platform: string;
  /** What a user calls it. */
  label: string;
  kind: ExportKind;
  /** Header aliases per field, written as `headerKey()` returns them (lower case, no `(EUR)` suffix). First match wins. */
  columns: Partial<Record<Field, readonly string[]>>;
  /** organic_daily: header aliases per metric; each filled cell becomes one (date, metric, value) row. */
  metrics?: Record<string, readonly string[]>;
  /** Each group names fields of which at least one must be present for a file to be this format. */
  required: readonly (readonly Field[])[];
  /**
   * Header keys of which at least one must be present: the columns that tell
   * this platform from another with the same basic columns (TikTok's
   * `clicks (destination)`, Snapchat's `swipes`).
   */
  signature?: readonly string[];
  /**
   * Reads the lines above the header (and the sheet name); null when they
   * rule this format out (the Facebook page series needs its metric line).
   */
  context?(preamble: readonly string[], sheet: string | null, file: string): Context | null;
  /** How to read `01/02/2026` when no value in the file decides it, given the date column's header. */
  slashDateOrder(dateHeader: string): 'dmy' | 'mdy';
  /** What the platform's engagement count counts; stored beside every row. */
  engagementDefinition: string;
  /** Platform semantics applied to each parsed row (e.g. Meta's results that are purchases). */
  finish?(row: Values, context: Context): Values;
  /** Workbook sheets that are known and deliberately not loaded (demographics), as header keys of their first column. */
  ignoredSheets?: readonly string[];
  /**
   * A row of column descriptions right under the header (Business Profile's
   * bulk download: `Number of people that viewed your Business Profile …`):
   * the first record below the header whose filled cells all match is a note, not a row.
   */
  descriptionRow?: RegExp;
  /**
   * The totals row is checked, not only dropped: it is read like a row and each
   * `checkedMetrics` figure compared with the sum of the other rows (YouTube
   * Studio's `Total` row). Agreeing, it is dropped as a totals row; otherwise it
   * is rejected with the difference, and the rows count.
   */
  checkedMetrics?: readonly string[];
}

/** English headers read dates month first; other languages day first. */
export const monthFirstIfEnglish = (englishDateHeaders: readonly string[]) => (header: string) =>
  englishDateHeaders.includes(header) ? ('mdy' as const) : ('dmy' as const);

export const monthFirst = () => 'mdy' as const;
export const dayFirst = () => 'dmy' as const;

/** Adds up the filled cells of some count fields; null when none is filled. */
export function sumOf(row: Values, fields: readonly Field[]): string | null {
  let sum = 0n;
  let any = false;
  for (const field of fields) {
    const value = row[field];
    if (value == null) continue;
    sum += BigInt(value);
    any = true;
  }
  return any ? String(sum) : null;
}

// What a platform export format is: which unified field each of its columns
// fills, in which languages, and which of them a file must have to be
// recognised as that format. Adapters are data plus an optional `finish` for
// semantics a header map cannot express.

export const UNIFIED_FIELDS = {
  date: 'date',
  period_start: 'date',
  period_end: 'date',
  account: 'text',
  currency: 'text',
  campaign_id: 'text',
  campaign_name: 'text',
  ad_set_id: 'text',
  ad_set_name: 'text',
  ad_id: 'text',
  ad_name: 'text',
  impressions: 'count',
  reach: 'count',
  clicks: 'count',
  link_clicks: 'count',
  engagements: 'count',
  video_views: 'count',
  spend: 'decimal',
  conversions: 'decimal',
  conversion_value: 'decimal',
  result_count: 'decimal',
  result_indicator: 'text',
  followers_gained: 'count',
} as const;

export type UnifiedField = keyof typeof UNIFIED_FIELDS;
export type FieldKind = (typeof UNIFIED_FIELDS)[UnifiedField];

export type UnifiedValues = Partial<Record<UnifiedField, string | null>>;

export interface PlatformFormat {
  /** Format id, as it appears in the manifest (`meta_ads`). */
  format: string;
  /** Platform name in the datasets (`meta`). */
  platform: string;
  /** What a user calls it. */
  label: string;
  /** Header aliases per unified field, written as `headerKey()` returns them (lower case, no `(EUR)` suffix). First match wins. */
  columns: Partial<Record<UnifiedField, readonly string[]>>;
  /** Each group names fields of which at least one must be present for a file to be this format. */
  required: readonly (readonly UnifiedField[])[];
  /** How to read `01/02/2026` when no value in the file decides it, given the date column's header. */
  slashDateOrder(dateHeader: string): 'dmy' | 'mdy';
  /** Platform semantics applied to each parsed row (e.g. Meta's results that are purchases). */
  finish?(row: UnifiedValues): UnifiedValues;
}

/** English headers read dates month first; other languages day first. */
export const monthFirstIfEnglish = (englishDateHeaders: readonly string[]) => (header: string) =>
  englishDateHeaders.includes(header) ? ('mdy' as const) : ('dmy' as const);

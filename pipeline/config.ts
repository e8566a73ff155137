// report.json, normalised: every field has its default beside it, and a bad
// value fails with `<field> must be …: <value>` naming the file.
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { inputError } from './errors.ts';

/**
 * An attribution model's key. The models are those the `-- model` lines of the attribution
 * SQL describe (catalog.ts modelKeys, queries/intermediate/int_attribution_shares.sql), not a
 * list kept here: checkAttributionModel holds report.json to them once the queries are read.
 */
export type AttributionModel = string;
const MODEL_KEY = /^[a-z][a-z0-9_]*$/;
export const LOCALES = ['de', 'en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const PATH_TRANSFORMS = ['none', 'collapse_repeats'] as const;
export type PathTransform = (typeof PATH_TRANSFORMS)[number];
/** `time`: at most lookback_days × 24 h before the order; `calendar_days`: 0 ≤ order date − touch date ≤ lookback_days (Fractribution). */
export const LOOKBACK_BASES = ['time', 'calendar_days'] as const;
export type LookbackBasis = (typeof LOOKBACK_BASES)[number];
/**
 * What becomes of a platform row whose period is not one calendar month (README, period rows):
 * `unused` lists it with the reason and the spend not placed in any month; `pro_rata`
 * spreads it over its days (an estimate, labelled so in the report).
 */
export const PERIOD_ROW_TREATMENTS = ['unused', 'pro_rata'] as const;
export type PeriodRowTreatment = (typeof PERIOD_ROW_TREATMENTS)[number];

export interface ReportSettings {
  title: string | null;
  currency: string;
  timezone: string;
  locale: Locale;
  gross_margin: number;
  attribution_model: AttributionModel;
  lookback_days: number;
  lookback_basis: LookbackBasis;
  time_decay_half_life_days: number;
  count_views: boolean;
  path_transform: PathTransform;
  period_rows: PeriodRowTreatment;
  /** position_based: the first touch's share and the last touch's; the touches between share the rest (1 − first − last). */
  position_based_first: number;
  position_based_last: number;
  /** data_driven: a month's model is fitted on the journeys that ended in this many months up to that month's end. */
  data_driven_window_months: number;
  /** Replicates of the seeded Poisson bootstrap over customers behind every interval (README, intervals); 0 switches intervals off. */
  bootstrap_replicates: number;
  /** The intervals' level, and the share of replicates a verdict needs (0.9: a 90 % interval, ROI above 0 in 90 % of replicates). */
  interval_level: number;
  /** Below this many attributed conversions in a month a campaign is marked "too few conversions to judge". */
  min_conversions: number;
  /** Print the month's report as a PDF beside the site (pipeline/pdf.ts); `--pdf` turns it on for one run. */
  pdf: boolean;
  /** The system's Chromium that prints it (Debian/Ubuntu: `apt-get install chromium`); REPORT_CHROMIUM_PATH overrides it. */
  chromium_path: string;
}

export const DEFAULT_SETTINGS: ReportSettings = {
  title: null,
  currency: 'EUR',
  timezone: 'Europe/Berlin',
  locale: 'de',
  gross_margin: 0.4,
  attribution_model: 'last_touch',
  lookback_days: 30,
  lookback_basis: 'time',
  time_decay_half_life_days: 7,
  count_views: false,
  path_transform: 'none',
  period_rows: 'unused',
  position_based_first: 0.4,
  position_based_last: 0.4,
  data_driven_window_months: 12,
  bootstrap_replicates: 200,
  interval_level: 0.9,
  min_conversions: 20,
  pdf: false,
  chromium_path: '/usr/bin/chromium',
};

type Spec = Record<string, unknown>;

function fail(file: string, field: string, expected: string, value: unknown): never {
  throw inputError(`${file}: ${field} must be ${expected}: ${JSON.stringify(value)}`);
}

function pick<T>(spec: Spec, field: keyof ReportSettings, fallback: T, check: (v: unknown) => v is T, expected: string, file: string): T {
  const value = spec[field];
  if (value === undefined || value === null) return fallback;
  if (!check(value)) fail(file, field, expected, value);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isShare = (v: unknown): v is number => isNumber(v) && v >= 0 && v <= 1;
const oneOf = <T extends string>(values: readonly T[]) => (v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

/**
 * An IANA time zone name. Node's ICU also takes UTC offsets such as `+05:30`
 * (ECMA-402 since 2024), which DuckDB's `set TimeZone` refuses ("Unknown TimeZone"),
 * so a name that resolves to an offset is refused here, where the field is named.
 * Every name Node's ICU lists is also in DuckDB's pg_timezone_names() (checked with
 * DuckDB 1.5: 418 of 418), and both take names case-insensitively.
 */
function isTimeZone(name: string): boolean {
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    return !/^[+-]/.test(resolved);
  } catch {
    return false;
  }
}

/**
 * The half-life's range. Below half a day the weight 2^(-days / half-life) of a touch
 * 365 days back (the longest lookback) underflows to 0 in a double (2^-1074 is the
 * smallest), and an order whose touches all weigh 0 has no share to divide by; beyond
 * ten years touches 365 days apart differ by less than 7 % in weight: linear attribution in all but name.
 */
export const MIN_HALF_LIFE_DAYS = 0.5;
export const MAX_HALF_LIFE_DAYS = 3650;

/**
 * report.json's attribution_model against the models the SQL computes (catalog.ts
 * modelKeys): `report.json: attribution_model must be one of last_touch, …: "last_click"`.
 */
export function checkAttributionModel(model: string, models: readonly string[], file = 'report.json'): void {
  if (!models.includes(model)) fail(file, 'attribution_model', `one of ${models.join(', ')}`, model);
}

/** report.json, normalised; with `models` (the keys the SQL describes) attribution_model is checked against them too. */
export function normalizeSettings(spec: unknown, file = 'report.json', models?: readonly string[]): ReportSettings {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) fail(file, 'the file', 'a JSON object', spec);
  const s = spec as Spec;
  const known = new Set(Object.keys(DEFAULT_SETTINGS));
  const unknown = Object.keys(s).filter((k) => !known.has(k));
  if (unknown.length) fail(file, 'every field', `one of ${[...known].join(', ')}`, unknown[0]);
  const d = DEFAULT_SETTINGS;
  const settings: ReportSettings = {
    title: pick(s, 'title', d.title, isString, 'a text', file),
    currency: pick(s, 'currency', d.currency, (v): v is string => isString(v) && /^[A-Z]{3}$/.test(v), 'a three-letter ISO currency code such as "EUR"', file),
    timezone: pick(s, 'timezone', d.timezone, (v): v is string => isString(v) && isTimeZone(v), 'an IANA time zone name such as "Europe/Berlin" or "Asia/Kolkata", not a UTC offset', file),
    locale: pick(s, 'locale', d.locale, oneOf(LOCALES), `one of ${LOCALES.join(', ')}`, file),
    gross_margin: pick(s, 'gross_margin', d.gross_margin, (v): v is number => isNumber(v) && v > 0 && v <= 1, 'a number above 0 and at most 1 (0.4 = 40 %)', file),
    attribution_model: pick(s, 'attribution_model', d.attribution_model, (v): v is string => isString(v) && MODEL_KEY.test(v), 'a model key such as "last_touch"', file),
    lookback_days: pick(s, 'lookback_days', d.lookback_days, (v): v is number => isNumber(v) && Number.isInteger(v) && v >= 0 && v <= 365, 'a whole number of days from 0 to 365', file),
    lookback_basis: pick(s, 'lookback_basis', d.lookback_basis, oneOf(LOOKBACK_BASES), `one of ${LOOKBACK_BASES.join(', ')}`, file),
    time_decay_half_life_days: pick(s, 'time_decay_half_life_days', d.time_decay_half_life_days, (v): v is number => isNumber(v) && v >= MIN_HALF_LIFE_DAYS && v <= MAX_HALF_LIFE_DAYS, `a number of days from ${MIN_HALF_LIFE_DAYS} to ${MAX_HALF_LIFE_DAYS}`, file),
    count_views: pick(s, 'count_views', d.count_views, isBoolean, 'true or false', file),
    path_transform: pick(s, 'path_transform', d.path_transform, oneOf(PATH_TRANSFORMS), `one of ${PATH_TRANSFORMS.join(', ')}`, file),
    period_rows: pick(s, 'period_rows', d.period_rows, oneOf(PERIOD_ROW_TREATMENTS), `one of ${PERIOD_ROW_TREATMENTS.join(', ')}`, file),
    position_based_first: pick(s, 'position_based_first', d.position_based_first, isShare, 'a share from 0 to 1 (0.4 = 40 %)', file),
    position_based_last: pick(s, 'position_based_last', d.position_based_last, isShare, 'a share from 0 to 1 (0.4 = 40 %)', file),
    data_driven_window_months: pick(s, 'data_driven_window_months', d.data_driven_window_months, (v): v is number => isNumber(v) && Number.isInteger(v) && v >= 1 && v <= 120, 'a whole number of months from 1 to 120', file),
    // at most 10,000: the replicates multiply the bootstrap's work (200 take about a fifth of the transform at scale 100)
    bootstrap_replicates: pick(s, 'bootstrap_replicates', d.bootstrap_replicates, (v): v is number => isNumber(v) && Number.isInteger(v) && v >= 0 && v <= 10000, 'a whole number from 0 (no intervals) to 10000', file),
    interval_level: pick(s, 'interval_level', d.interval_level, (v): v is number => isNumber(v) && v >= 0.5 && v < 1, 'a share from 0.5 to below 1 (0.9 = a 90 % interval)', file),
    min_conversions: pick(s, 'min_conversions', d.min_conversions, (v): v is number => isNumber(v) && v >= 0, 'a number of conversions, 0 or more', file),
    pdf: pick(s, 'pdf', d.pdf, isBoolean, 'true or false', file),
    chromium_path: pick(s, 'chromium_path', d.chromium_path, (v): v is string => isString(v) && isAbsolute(v), 'the absolute path of the Chromium program, such as "/usr/bin/chromium"', file),
  };
  // both ends may take everything (first 0.5, last 0.5: the middle gets nothing), not more;
  // a path of two touches splits in the ratio first : last, so they cannot both be 0
  if (settings.position_based_first + settings.position_based_last > 1) {
    fail(file, 'position_based_first + position_based_last', 'at most 1 (the touches between share the rest)', settings.position_based_first + settings.position_based_last);
  }
  if (settings.position_based_first + settings.position_based_last === 0) {
    fail(file, 'position_based_first + position_based_last', 'above 0 (a path of two touches splits in their ratio)', 0);
  }
  if (models) checkAttributionModel(settings.attribution_model, models, file);
  return settings;
}

export async function readSettings(path: string, displayName = 'report.json', models?: readonly string[]): Promise<ReportSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw inputError(`${displayName} is not valid JSON: ${(error as Error).message}`);
  }
  return normalizeSettings(spec, displayName, models);
}

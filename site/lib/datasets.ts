// The one place where data enters the site. It reads manifest.json and the Arrow
// datasets from REPORT_DATA_DIR, checks every column the site uses against the
// declarations below, and returns typed rows. A dataset that does not match fails
// the build with one message naming the dataset, the column, what was expected and
// what was found, instead of rendering NaN.
//
// The site computes no metric: every number here arrives computed by the pipeline.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DataType, Precision, tableFromIPC } from 'apache-arrow';
import type { Table } from 'apache-arrow';
import type { AttributionModel, Locale } from './i18n.ts';
import { isAttributionModel, isLocale } from './i18n.ts';
import { isMonthKey } from './months.ts';

/** A data problem that should stop the build with its message alone. */
export class DatasetError extends Error {
  override name = 'DatasetError';

  constructor(message: string) {
    super(message);
    // The message says all there is to say; a stack into the build's chunks would only bury it.
    this.stack = `${this.name}: ${message}`;
  }
}

// ---------------------------------------------------------------------------
// Column declarations

export type ColumnType = 'Utf8' | 'Float64';

export interface ColumnSpec {
  readonly type: ColumnType;
  /** Null is not allowed (keys the site selects rows by). */
  readonly required: boolean;
  /** Values must be `YYYY-MM` month keys. */
  readonly monthKey?: boolean;
}

const MONTH = { type: 'Utf8', required: true, monthKey: true } as const;
const KEY = { type: 'Utf8', required: true } as const;
const TEXT = { type: 'Utf8', required: false } as const;
const NUMBER = { type: 'Float64', required: false } as const;

/** Each change column set: value of the month before, change, same month a year before, change. */
const comparisons = {
  media_spend_prev: NUMBER,
  media_spend_change: NUMBER,
  media_spend_prev_year: NUMBER,
  media_spend_change_year: NUMBER,
  total_cost_prev: NUMBER,
  total_cost_change: NUMBER,
  total_cost_prev_year: NUMBER,
  total_cost_change_year: NUMBER,
  revenue_prev: NUMBER,
  revenue_change: NUMBER,
  revenue_prev_year: NUMBER,
  revenue_change_year: NUMBER,
  gross_profit_prev: NUMBER,
  gross_profit_change: NUMBER,
  gross_profit_prev_year: NUMBER,
  gross_profit_change_year: NUMBER,
  roi_prev: NUMBER,
  roi_change: NUMBER,
  roi_prev_year: NUMBER,
  roi_change_year: NUMBER,
  roas_prev: NUMBER,
  roas_change: NUMBER,
  roas_prev_year: NUMBER,
  roas_change_year: NUMBER,
} as const;

/**
 * The columns the site reads from each dataset. Extra columns are allowed and ignored.
 * Money is in the report currency, ratios are plain (0.25 = 25 %). `_change` columns
 * hold relative changes for money and absolute differences for roi and roas.
 */
export const SCHEMAS = {
  /** One row per month and attribution model. */
  monthly_summary: {
    month: MONTH,
    model: KEY,
    media_spend: NUMBER,
    other_cost: NUMBER,
    total_cost: NUMBER,
    conversions: NUMBER,
    revenue: NUMBER,
    gross_profit: NUMBER,
    roi: NUMBER,
    roas: NUMBER,
    net_revenue: NUMBER,
    unattributed_revenue: NUMBER,
    unmapped_revenue: NUMBER,
    ...comparisons,
  },
  /** One row per month, channel and attribution model. */
  channel_roi: {
    month: MONTH,
    channel: KEY,
    model: KEY,
    media_spend: NUMBER,
    other_cost: NUMBER,
    total_cost: NUMBER,
    conversions: NUMBER,
    revenue: NUMBER,
    gross_profit: NUMBER,
    roi: NUMBER,
    roas: NUMBER,
  },
  /** One row per month, campaign and attribution model. */
  campaign_roi: {
    month: MONTH,
    campaign: KEY,
    model: KEY,
    name: TEXT,
    channel: TEXT,
    funnel_stage: TEXT,
    platform: TEXT,
    media_spend: NUMBER,
    other_cost: NUMBER,
    total_cost: NUMBER,
    conversions: NUMBER,
    revenue: NUMBER,
    gross_profit: NUMBER,
    roi: NUMBER,
    roas: NUMBER,
    cpa: NUMBER,
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>;

/** The columns that identify a row; two rows with the same key fail the build. */
const ROW_KEYS: { readonly [N in DatasetName]: readonly (keyof (typeof SCHEMAS)[N])[] } = {
  monthly_summary: ['month', 'model'],
  channel_roi: ['month', 'channel', 'model'],
  campaign_roi: ['month', 'campaign', 'model'],
};

export type DatasetName = keyof typeof SCHEMAS;
export const DATASET_NAMES = Object.keys(SCHEMAS) as DatasetName[];

type ValueOf<C extends ColumnSpec> = C['type'] extends 'Utf8'
  ? C['required'] extends true
    ? string
    : string | null
  : C['required'] extends true
    ? number
    : number | null;

export type RowOf<S extends Record<string, ColumnSpec>> = { readonly [K in keyof S]: ValueOf<S[K]> };

export type MonthlySummaryRow = RowOf<typeof SCHEMAS.monthly_summary>;
export type ChannelRoiRow = RowOf<typeof SCHEMAS.channel_roi>;
export type CampaignRoiRow = RowOf<typeof SCHEMAS.campaign_roi>;

export interface DatasetRows {
  monthly_summary: MonthlySummaryRow[];
  channel_roi: ChannelRoiRow[];
  campaign_roi: CampaignRoiRow[];
}

// ---------------------------------------------------------------------------
// manifest.json

export interface Settings {
  currency: string;
  timezone: string;
  locale: Locale;
  gross_margin: number;
  attribution_model: AttributionModel;
  lookback_days: number;
}

export interface ManifestInput {
  path: string;
  format: string | null;
  rows: number | null;
  rejected: number | null;
}

export interface ManifestDataset {
  /** File name inside the data folder, e.g. campaign_roi.arrow. */
  file: string;
  rows: number | null;
}

export interface Manifest {
  /** The report's selected month, YYYY-MM. */
  month: string;
  months: string[];
  /** Calendar date YYYY-MM-DD. */
  data_as_of: string;
  /** ISO instant. */
  generated_at: string;
  title: string | null;
  settings: Settings;
  inputs: ManifestInput[];
  datasets: Record<string, ManifestDataset>;
  warnings: string[];
}

export interface ReportData {
  /** Absolute path of the data folder. */
  dir: string;
  manifest: Manifest;
  datasets: DatasetRows;
}

// ---------------------------------------------------------------------------
// Loading

/** Reads the whole data folder: manifest first, then every declared dataset. */
export function loadReportData(dir: string): ReportData {
  const folder = resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new DatasetError(`REPORT_DATA_DIR ${folder} is not a folder`);
  }
  const manifest = readManifest(folder);
  const file = (name: DatasetName) => join(folder, manifest.datasets[name]?.file ?? `${name}.arrow`);
  return {
    dir: folder,
    manifest,
    datasets: {
      monthly_summary: readDataset('monthly_summary', file('monthly_summary')),
      channel_roi: readDataset('channel_roi', file('channel_roi')),
      campaign_roi: readDataset('campaign_roi', file('campaign_roi')),
    },
  };
}

let cached: ReportData | undefined;

/** The report's data, read once per build from REPORT_DATA_DIR. */
export function reportData(): ReportData {
  if (!cached) {
    const dir = process.env.REPORT_DATA_DIR;
    if (!dir) {
      throw new DatasetError(
        'REPORT_DATA_DIR is not set: set it to the folder with manifest.json and the <dataset>.arrow files ' +
          '(the pipeline sets it when it builds the site)',
      );
    }
    if (!isAbsolute(dir)) {
      throw new DatasetError(`REPORT_DATA_DIR must be an absolute path, found ${JSON.stringify(dir)}`);
    }
    cached = loadReportData(dir);
  }
  return cached;
}

/** Reads one Arrow dataset and checks it against its declaration in SCHEMAS. */
export function readDataset<N extends DatasetName>(name: N, path: string): DatasetRows[N] {
  const schema: Record<string, ColumnSpec> = SCHEMAS[name];
  const where = `(in ${path})`;
  if (!existsSync(path)) throw new DatasetError(`dataset ${name}: file not found ${where}`);

  let table: Table;
  try {
    table = tableFromIPC(readFileSync(path));
  } catch (error) {
    throw new DatasetError(`dataset ${name}: not an Arrow IPC file: ${(error as Error).message} ${where}`);
  }

  const columns = Object.entries(schema).map(([column, spec]) => {
    const field = table.schema.fields.find((f) => f.name === column);
    if (!field) {
      throw new DatasetError(`dataset ${name}: column ${column} must be ${spec.type}, found no such column ${where}`);
    }
    if (!hasType(field.type, spec.type)) {
      throw new DatasetError(`dataset ${name}: column ${column} must be ${spec.type}, found ${String(field.type)} ${where}`);
    }
    const vector = table.getChild(column);
    if (!vector) throw new DatasetError(`dataset ${name}: column ${column} has no data ${where}`);
    return { column, spec, vector };
  });

  const rows: Record<string, string | number | null>[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, string | number | null> = {};
    for (const { column, spec, vector } of columns) {
      const value: unknown = vector.get(i);
      const at = `in row ${i + 1} ${where}`;
      if (value === null || value === undefined) {
        if (spec.required) throw new DatasetError(`dataset ${name}: column ${column} must not be null, found null ${at}`);
        row[column] = null;
      } else if (spec.type === 'Float64') {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw new DatasetError(`dataset ${name}: column ${column} must be a finite number, found ${String(value)} ${at}`);
        }
        row[column] = value;
      } else {
        const text = String(value);
        if (spec.monthKey && !isMonthKey(text)) {
          throw new DatasetError(`dataset ${name}: column ${column} must be a YYYY-MM month, found ${JSON.stringify(text)} ${at}`);
        }
        row[column] = text;
      }
    }
    rows.push(row);
  }

  checkUniqueKeys(name, ROW_KEYS[name] as readonly string[], rows, where);
  return rows as unknown as DatasetRows[N];
}

function hasType(type: DataType, expected: ColumnType): boolean {
  if (expected === 'Utf8') return DataType.isUtf8(type);
  return DataType.isFloat(type) && type.precision === Precision.DOUBLE;
}

function checkUniqueKeys(
  name: string,
  keyColumns: readonly string[],
  rows: readonly Record<string, string | number | null>[],
  where: string,
): void {
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = JSON.stringify(keyColumns.map((c) => row[c]));
    const first = seen.get(key);
    if (first !== undefined) {
      const described = keyColumns.map((c) => `${c} ${String(row[c])}`).join(', ');
      throw new DatasetError(`dataset ${name}: rows ${first + 1} and ${i + 1} are both for ${described}; expected one row each ${where}`);
    }
    seen.set(key, i);
  });
}

// ---------------------------------------------------------------------------
// manifest.json, normalised field by field

export function readManifest(folder: string): Manifest {
  const path = join(folder, 'manifest.json');
  const where = `(in ${path})`;
  if (!existsSync(path)) throw new DatasetError(`manifest.json: file not found ${where}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DatasetError(`manifest.json: not valid JSON: ${(error as Error).message} ${where}`);
  }
  const fail = (field: string, expected: string, found: unknown): never => {
    throw new DatasetError(`manifest.json: ${field} must be ${expected}, found ${describe(found)} ${where}`);
  };
  const root = asObject(raw) ?? fail('the file', 'an object', raw);
  const settings = asObject(root.settings) ?? fail('settings', 'an object', root.settings);

  const str = (field: string, value: unknown) => (typeof value === 'string' ? value : fail(field, 'a string', value));
  const num = (field: string, value: unknown, ok: (n: number) => boolean, expected: string) =>
    typeof value === 'number' && Number.isFinite(value) && ok(value) ? value : fail(field, expected, value);
  const optionalNum = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

  const month = isMonthKey(root.month) ? root.month : fail('month', 'a YYYY-MM month', root.month);
  const months = Array.isArray(root.months) ? root.months : fail('months', 'a list of YYYY-MM months', root.months);
  months.forEach((m, i) => isMonthKey(m) || fail(`months[${i}]`, 'a YYYY-MM month', m));

  const dataAsOf = str('data_as_of', root.data_as_of);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dataAsOf) || Number.isNaN(Date.parse(dataAsOf))) {
    fail('data_as_of', 'a YYYY-MM-DD date', dataAsOf);
  }
  const generatedAt = str('generated_at', root.generated_at);
  if (Number.isNaN(Date.parse(generatedAt))) fail('generated_at', 'an ISO timestamp', generatedAt);

  const title = root.title === undefined || root.title === null ? null : str('title', root.title).trim() || null;

  const currency = str('settings.currency', settings.currency);
  if (!/^[A-Z]{3}$/.test(currency) || !supports(() => new Intl.NumberFormat('en', { style: 'currency', currency }))) {
    fail('settings.currency', 'an ISO 4217 currency code such as EUR', currency);
  }
  const timezone = str('settings.timezone', settings.timezone);
  if (!supports(() => new Intl.DateTimeFormat('en', { timeZone: timezone }))) {
    fail('settings.timezone', 'an IANA time zone such as Europe/Berlin', timezone);
  }
  const locale = isLocale(settings.locale) ? settings.locale : fail('settings.locale', '"de" or "en"', settings.locale);
  const model = isAttributionModel(settings.attribution_model)
    ? settings.attribution_model
    : fail('settings.attribution_model', 'one of last_touch, first_touch, linear, position_based, time_decay, data_driven', settings.attribution_model);

  const inputs = (Array.isArray(root.inputs) ? root.inputs : []).map((entry: unknown, i): ManifestInput => {
    const input = asObject(entry) ?? fail(`inputs[${i}]`, 'an object', entry);
    return {
      path: str(`inputs[${i}].path`, input.path),
      format: typeof input.format === 'string' ? input.format : null,
      rows: optionalNum(input.rows),
      rejected: optionalNum(input.rejected),
    };
  });

  const datasets: Record<string, ManifestDataset> = {};
  const listed = root.datasets === undefined ? {} : (asObject(root.datasets) ?? fail('datasets', 'an object', root.datasets));
  for (const [name, entry] of Object.entries(listed)) {
    const dataset = asObject(entry) ?? fail(`datasets.${name}`, 'an object', entry);
    const file = str(`datasets.${name}.file`, dataset.file);
    if (!/^[\w.-]+$/.test(file)) fail(`datasets.${name}.file`, 'a file name inside the data folder', file);
    datasets[name] = { file, rows: optionalNum(dataset.rows) };
  }

  const warnings = (Array.isArray(root.warnings) ? root.warnings : []).map((w: unknown, i) => str(`warnings[${i}]`, w));

  return {
    month,
    months: months as string[],
    data_as_of: dataAsOf,
    generated_at: generatedAt,
    title,
    settings: {
      currency,
      timezone,
      locale,
      gross_margin: num('settings.gross_margin', settings.gross_margin, (n) => n >= 0 && n <= 1, 'a ratio between 0 and 1'),
      attribution_model: model,
      lookback_days: num('settings.lookback_days', settings.lookback_days, (n) => Number.isInteger(n) && n > 0, 'a whole number of days above 0'),
    },
    inputs,
    datasets,
    warnings,
  };
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function supports(make: () => unknown): boolean {
  try {
    make();
    return true;
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

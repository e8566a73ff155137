// The one place where data enters the site. It reads manifest.json, catalog.json
// and the Arrow datasets from REPORT_DATA_DIR, checks every column the site uses
// against the declarations below, and returns typed rows. A dataset that does not
// match fails the build with one message naming the dataset, the column, what was
// expected and what was found, instead of rendering NaN.
//
// Charts that analysts declare in site/charts (REPORT_CHARTS_DIR, see chart-specs.ts)
// name a mart each: that mart is read here too, and every column its spec uses
// must exist in it.
//
// The site computes no metric: every number here arrives computed by the pipeline.

import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { DataType, Precision, tableFromIPC } from 'apache-arrow';
import type { Table } from 'apache-arrow';
import type { AttributionModel, Locale } from './i18n.ts';
import { isAttributionModel, isLocale } from './i18n.ts';
import { isMonthKey } from './months.ts';
import type { ChartSpecFile } from './chart-specs.ts';
import { chartSpecFiles, readChartSpecs } from './chart-specs.ts';

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

/** Arrow types as the pipeline writes them: text Utf8 (not Dictionary), numbers Float64, Bool, Date32[day]. */
export type ColumnType = 'Utf8' | 'Float64' | 'Bool' | 'Date32';

export interface ColumnSpec {
  readonly type: ColumnType;
  /** Null is not allowed (keys the site selects rows by). */
  readonly required: boolean;
  /** Values must be `YYYY-MM` month keys. */
  readonly monthKey?: boolean;
  /** Values must be ISO dates or timestamps (`2026-11-02T06:00:00Z`). */
  readonly timestamp?: boolean;
}

const MONTH = { type: 'Utf8', required: true, monthKey: true } as const;
const OPTIONAL_MONTH = { type: 'Utf8', required: false, monthKey: true } as const;
const KEY = { type: 'Utf8', required: true } as const;
const TEXT = { type: 'Utf8', required: false } as const;
const NUMBER = { type: 'Float64', required: false } as const;
const BOOL = { type: 'Bool', required: false } as const;
const DATE = { type: 'Date32', required: false } as const;
const KEY_DATE = { type: 'Date32', required: true } as const;
const TIMESTAMP = { type: 'Utf8', required: true, timestamp: true } as const;

/** For each metric: value of the month before, change, same month a year before, change. */
function comparisons<const M extends string>(metrics: readonly M[]) {
  const columns: Record<string, typeof NUMBER> = {};
  for (const m of metrics) {
    for (const suffix of ['prev', 'change', 'prev_year', 'change_year']) columns[`${m}_${suffix}`] = NUMBER;
  }
  return columns as { readonly [K in `${M}_${'prev' | 'change' | 'prev_year' | 'change_year'}`]: typeof NUMBER };
}

/** The costs, revenue and returns of a month, channel or campaign under one model, as the ROI marts give them. */
const ROI_FIGURES = {
  media_spend: NUMBER,
  other_cost: NUMBER,
  total_cost: NUMBER,
  conversions: NUMBER,
  revenue: NUMBER,
  gross_profit: NUMBER,
  roi: NUMBER,
  roas: NUMBER,
} as const;

/**
 * The columns the site reads from each dataset. Extra columns are allowed and ignored.
 * Money is in the report currency, ratios are plain (0.25 = 25 %). `_change` columns
 * hold relative changes for money and absolute differences for roi and roas.
 */
export const SCHEMAS = {
  /** One row per month and attribution model. */
  monthly_trend: {
    month: MONTH,
    model: KEY,
    ...ROI_FIGURES,
    paid_media_revenue: NUMBER,
    net_revenue: NUMBER,
    unattributed_revenue: NUMBER,
    unmapped_revenue: NUMBER,
    unmapped_spend: NUMBER,
    ...comparisons(['media_spend', 'total_cost', 'revenue', 'gross_profit', 'roi', 'roas']),
  },
  /** One row per month, channel and attribution model. */
  channel_roi: {
    month: MONTH,
    channel: KEY,
    model: KEY,
    ...ROI_FIGURES,
    platform_conversion_value: NUMBER,
    platform_roas: NUMBER,
  },
  /**
   * One row per month, campaign and attribution model. The `_prev`/`_change` columns
   * compare with the same campaign and model in the month before (roi: absolute, money: relative).
   */
  campaign_roi: {
    month: MONTH,
    campaign: KEY,
    model: KEY,
    name: TEXT,
    channel: TEXT,
    funnel_stage: TEXT,
    platform: TEXT,
    influencer: TEXT,
    ...ROI_FIGURES,
    gross_margin: NUMBER,
    cpa: NUMBER,
    platform_conversions: NUMBER,
    platform_conversion_value: NUMBER,
    platform_roas: NUMBER,
    roi_prev: NUMBER,
    roi_change: NUMBER,
    total_cost_prev: NUMBER,
    total_cost_change: NUMBER,
    revenue_prev: NUMBER,
    revenue_change: NUMBER,
  },
  /** One row per month and campaign: what the platforms report, and the costs. */
  campaign_performance: {
    month: MONTH,
    campaign: KEY,
    name: TEXT,
    channel: TEXT,
    platform: TEXT,
    funnel_stage: TEXT,
    engagement_rate_basis: TEXT,
    engagement_definition: TEXT,
    impressions: NUMBER,
    reach: NUMBER,
    clicks: NUMBER,
    link_clicks: NUMBER,
    engagements: NUMBER,
    video_views: NUMBER,
    followers_gained: NUMBER,
    spend: NUMBER,
    other_cost: NUMBER,
    total_cost: NUMBER,
    platform_conversions: NUMBER,
    platform_conversion_value: NUMBER,
    cpm: NUMBER,
    cpc: NUMBER,
    ctr: NUMBER,
    engagement_rate: NUMBER,
  },
  /** One row per month, campaign and model: the ROI under every model, with its range over the models. */
  model_comparison: {
    month: MONTH,
    campaign: KEY,
    model: KEY,
    name: TEXT,
    channel: TEXT,
    revenue: NUMBER,
    gross_profit: NUMBER,
    total_cost: NUMBER,
    roi: NUMBER,
    roas: NUMBER,
    roi_min: NUMBER,
    roi_max: NUMBER,
    roi_spread: NUMBER,
    revenue_min: NUMBER,
    revenue_max: NUMBER,
  },
  /** One row per month, influencer campaign and model. */
  influencer_roi: {
    month: MONTH,
    campaign: KEY,
    model: KEY,
    name: TEXT,
    influencer: TEXT,
    coupon_code: TEXT,
    fee: NUMBER,
    other_cost: NUMBER,
    total_cost: NUMBER,
    coupon_orders: NUMBER,
    coupon_revenue: NUMBER,
    conversions: NUMBER,
    revenue: NUMBER,
    gross_profit: NUMBER,
    roi: NUMBER,
  },
  /**
   * One row per month, campaign and cost category. Rows with campaign `all` hold the
   * month's total per category over every campaign.
   */
  cost_breakdown: {
    month: MONTH,
    campaign: KEY,
    category: KEY,
    name: TEXT,
    channel: TEXT,
    amount: NUMBER,
  },
  /** One row per month, platform and model; platform `all` is the total against all net revenue. */
  over_attribution: {
    month: MONTH,
    platform: KEY,
    model: KEY,
    media_spend: NUMBER,
    platform_conversions: NUMBER,
    platform_conversion_value: NUMBER,
    attributed_conversions: NUMBER,
    attributed_revenue: NUMBER,
    platform_roas: NUMBER,
    attributed_roas: NUMBER,
    over_attribution_factor: NUMBER,
  },
  /** One row per month, platform and source (paid or organic). */
  engagement_monthly: {
    month: MONTH,
    platform: KEY,
    source: KEY,
    engagement_rate_basis: TEXT,
    engagement_definition: TEXT,
    flag_reason: TEXT,
    impressions: NUMBER,
    reach: NUMBER,
    engagements: NUMBER,
    engagement_rate: NUMBER,
    followers_gained: NUMBER,
    followers_gained_prev: NUMBER,
    engagements_prev: NUMBER,
    followers_change: NUMBER,
    engagements_change: NUMBER,
    bought_followers_flag: BOOL,
  },
  /** Long form: one row per month, measure and subject; month is null for whole-run measures. */
  data_quality: {
    month: OPTIONAL_MONTH,
    measure: KEY,
    subject: TEXT,
    detail: TEXT,
    value: NUMBER,
  },
  /** One row per platform, account and calendar day between the first and last day of the platform's data. */
  platform_coverage: {
    platform: KEY,
    account: TEXT,
    date: KEY_DATE,
    rows: NUMBER,
    spend: NUMBER,
    has_data: BOOL,
  },
  /** Every input row that was not loaded, with its reason. */
  rejected_rows: {
    source_file: TEXT,
    source_line: NUMBER,
    column_name: TEXT,
    reason: TEXT,
  },
  /** Every input file read, with its hash. */
  input_files: {
    path: KEY,
    kind: TEXT,
    format: TEXT,
    platform: TEXT,
    sha256: TEXT,
    bytes: NUMBER,
    rows_loaded: NUMBER,
    rows_rejected: NUMBER,
    rows_skipped: NUMBER,
  },
  /** Platform campaigns and utm_campaign values that matched no campaign of the taxonomy. */
  unmapped_campaigns: {
    month: MONTH,
    source: TEXT,
    platform: TEXT,
    name: TEXT,
    spend: NUMBER,
    revenue: NUMBER,
  },
  /** One row per month of the warehouse: its days, and whether the data reaches its end. */
  report_months: {
    month: MONTH,
    month_start: DATE,
    month_end: DATE,
    complete_through: DATE,
    data_through: DATE,
    is_complete: BOOL,
    /** The month has orders, and paid platform data (report_months.sql); a month lacking either is incomplete. */
    has_orders: BOOL,
    has_paid_data: BOOL,
  },
  /**
   * Optional (no file: no rows). One row per published month, campaign and metric whose
   * figure changed since the month was published; campaign `all` is the month's total.
   * `change` is current - published, `relative_change` change / |published| (null when published is 0).
   */
  restatements: {
    month: MONTH,
    campaign: KEY,
    name: TEXT,
    metric: KEY,
    published_at: TIMESTAMP,
    published_value: NUMBER,
    current_value: NUMBER,
    change: NUMBER,
    relative_change: NUMBER,
  },
  /**
   * Optional (no file: no rows). Spend of period rows that no month holds, one row per file,
   * platform, account, platform campaign, period, currency and reason (queries/marts/unplaced_spend.sql).
   * `spend` in `currency`; `spend_report` in the report currency (null: no rate); period null: none named.
   * The `file_*` columns total the row's file, period, currency and reason.
   */
  unplaced_spend: {
    source_file: KEY,
    platform: KEY,
    account: TEXT,
    platform_campaign_key: TEXT,
    campaign_name: TEXT,
    campaign: TEXT,
    period_start: DATE,
    period_end: DATE,
    reason: KEY,
    detail: TEXT,
    currency: KEY,
    spend: NUMBER,
    fx_day: DATE,
    spend_report: NUMBER,
    file_campaigns: NUMBER,
    file_spend: NUMBER,
    file_spend_report: NUMBER,
  },
  /**
   * Optional (no file: no rows). Months, platforms and campaigns whose media spend holds an
   * estimate: period rows spread over their days pro rata (report.json "period_rows": "pro_rata").
   */
  estimated_spend: {
    month: MONTH,
    platform: KEY,
    campaign: KEY,
    files: NUMBER,
    spend_report: NUMBER,
    platform_spend_report: NUMBER,
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>;

export type DatasetName = keyof typeof SCHEMAS;
export const DATASET_NAMES = Object.keys(SCHEMAS) as DatasetName[];

/** Datasets a data folder may lack: a missing file reads as no rows. */
export const OPTIONAL_DATASETS: ReadonlySet<DatasetName> = new Set<DatasetName>(['restatements', 'unplaced_spend', 'estimated_spend']);

/** The columns that identify a row; two rows with the same key fail the build. */
const ROW_KEYS: { readonly [N in DatasetName]: readonly (keyof (typeof SCHEMAS)[N])[] } = {
  monthly_trend: ['month', 'model'],
  channel_roi: ['month', 'channel', 'model'],
  campaign_roi: ['month', 'campaign', 'model'],
  campaign_performance: ['month', 'campaign'],
  model_comparison: ['month', 'campaign', 'model'],
  influencer_roi: ['month', 'campaign', 'model'],
  cost_breakdown: ['month', 'campaign', 'category'],
  over_attribution: ['month', 'platform', 'model'],
  engagement_monthly: ['month', 'platform', 'source'],
  data_quality: ['month', 'measure', 'subject'],
  platform_coverage: ['platform', 'account', 'date'],
  rejected_rows: [],
  input_files: ['path'],
  unmapped_campaigns: ['month', 'source', 'platform', 'name'],
  report_months: ['month'],
  restatements: ['month', 'campaign', 'metric'],
  unplaced_spend: ['source_file', 'platform', 'account', 'platform_campaign_key', 'period_start', 'period_end', 'currency', 'reason'],
  estimated_spend: ['month', 'platform', 'campaign'],
};

type BaseValue<T extends ColumnType> = T extends 'Float64' ? number : T extends 'Bool' ? boolean : string;

/** Dates arrive as `YYYY-MM-DD` strings. */
type ValueOf<C extends ColumnSpec> = C['required'] extends true ? BaseValue<C['type']> : BaseValue<C['type']> | null;

export type RowOf<S extends Record<string, ColumnSpec>> = { readonly [K in keyof S]: ValueOf<S[K]> };

export type DatasetRows = { [N in DatasetName]: RowOf<(typeof SCHEMAS)[N]>[] };

export type MonthlyTrendRow = RowOf<typeof SCHEMAS.monthly_trend>;
export type ChannelRoiRow = RowOf<typeof SCHEMAS.channel_roi>;
export type CampaignRoiRow = RowOf<typeof SCHEMAS.campaign_roi>;
export type CampaignPerformanceRow = RowOf<typeof SCHEMAS.campaign_performance>;
export type ModelComparisonRow = RowOf<typeof SCHEMAS.model_comparison>;
export type InfluencerRoiRow = RowOf<typeof SCHEMAS.influencer_roi>;
export type CostBreakdownRow = RowOf<typeof SCHEMAS.cost_breakdown>;
export type OverAttributionRow = RowOf<typeof SCHEMAS.over_attribution>;
export type EngagementMonthlyRow = RowOf<typeof SCHEMAS.engagement_monthly>;
export type DataQualityRow = RowOf<typeof SCHEMAS.data_quality>;
export type PlatformCoverageRow = RowOf<typeof SCHEMAS.platform_coverage>;
export type RejectedRowsRow = RowOf<typeof SCHEMAS.rejected_rows>;
export type InputFileRow = RowOf<typeof SCHEMAS.input_files>;
export type UnmappedCampaignRow = RowOf<typeof SCHEMAS.unmapped_campaigns>;
export type ReportMonthRow = RowOf<typeof SCHEMAS.report_months>;
export type RestatementRow = RowOf<typeof SCHEMAS.restatements>;
export type UnplacedSpendRow = RowOf<typeof SCHEMAS.unplaced_spend>;
export type EstimatedSpendRow = RowOf<typeof SCHEMAS.estimated_spend>;

// ---------------------------------------------------------------------------
// manifest.json and catalog.json

export type LookbackBasis = 'time' | 'calendar_days';

export interface Settings {
  currency: string;
  timezone: string;
  locale: Locale;
  gross_margin: number;
  attribution_model: AttributionModel;
  lookback_days: number;
  lookback_basis: LookbackBasis;
  time_decay_half_life_days: number;
  count_views: boolean;
  path_transform: string;
  /** report.json period_rows: `unused` (default) or `pro_rata`; absent in older manifests (read as `unused`). */
  period_rows?: string;
}

export interface ManifestInput {
  path: string;
  /** orders, costs, fx, campaigns, touchpoints, export, …; null in older manifests. */
  kind: string | null;
  format: string | null;
  rows: number | null;
  rejected: number | null;
  /** Rejected rows of this file hold money the report leaves out (the pipeline decides which files hold money). */
  moneyLeftOut: boolean;
  /** What the rejected rows held per currency (exact decimal text; null when no amount could be read). */
  rejectedMoney: { currency: string | null; amount: string | null; rows: number; unreadable: number }[];
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
  complete_months: string[];
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

export interface CatalogMart {
  name: string;
  /** The SQL file, e.g. queries/marts/campaign_roi.sql. */
  file: string;
  /** The SQL file's header comment. */
  description: string;
  columns: { name: string; type: string }[];
}

export interface Catalog {
  marts: CatalogMart[];
  metrics: { name: string; definition: string; file: string }[];
  tests: { name: string; file: string; severity: string; description: string }[];
}

/** A mart that a declared chart reads: every column, typed as the Arrow file has it. */
export interface MartData {
  name: string;
  /** File name inside the data folder. */
  file: string;
  columns: { name: string; type: ColumnType }[];
  rows: Readonly<Record<string, Value>>[];
}

/** A chart declared in site/charts, with the rows of the mart it names and its filters settled. */
export interface DeclaredChart extends Omit<ChartSpecFile, 'monthColumn' | 'modelColumn'> {
  /** The column the page's month selects rows by; null: every row. */
  monthColumn: string | null;
  /** The column the report's attribution model selects rows by; null: every row. */
  modelColumn: string | null;
  data: MartData;
}

export interface ReportData {
  /** Absolute path of the data folder (symbolic links resolved). */
  dir: string;
  manifest: Manifest;
  catalog: Catalog;
  datasets: DatasetRows;
  /** Optional datasets the folder has no file for (their rows are empty). */
  absent: DatasetName[];
  /** Charts declared in the charts folder, in page order. */
  charts: DeclaredChart[];
}

export interface LoadOptions {
  /** The folder of declared chart specs (site/charts); null or absent: none. */
  chartsDir?: string | null;
}

// ---------------------------------------------------------------------------
// Loading

/** The file of a dataset inside the data folder, as the manifest names it. */
export function datasetFile(manifest: Manifest, name: string): string {
  return manifest.datasets[name]?.file ?? `${name}.arrow`;
}

/**
 * Reads the whole data folder: manifest first, then the catalog, every declared
 * dataset, and the mart of every chart in the charts folder. A folder reached
 * through a symbolic link (`npm run dev` swaps one) is read from its target, so
 * every file comes from the same export.
 */
export function loadReportData(dir: string, options: LoadOptions = {}): ReportData {
  const given = resolve(dir);
  if (!existsSync(given) || !statSync(given).isDirectory()) {
    throw new DatasetError(`REPORT_DATA_DIR ${given} is not a folder`);
  }
  // The folder itself may be a link (npm run dev moves one from export to export): read its target.
  const folder = lstatSync(given).isSymbolicLink() ? realpathSync(given) : given;
  const manifest = readManifest(folder);
  const absent: DatasetName[] = [];
  const datasets = Object.fromEntries(
    DATASET_NAMES.map((name) => {
      const path = join(folder, datasetFile(manifest, name));
      if (OPTIONAL_DATASETS.has(name) && !existsSync(path)) {
        absent.push(name);
        return [name, []];
      }
      return [name, readDataset(name, path)];
    }),
  ) as unknown as DatasetRows;
  const charts = options.chartsDir ? readDeclaredCharts(folder, manifest, options.chartsDir) : [];
  return { dir: folder, manifest, catalog: readCatalog(folder), datasets, absent, charts };
}

let cached: { version: string; data: ReportData } | undefined;

/**
 * The report's data from REPORT_DATA_DIR (and the charts of REPORT_CHARTS_DIR),
 * read once and kept for every page. It is read again when the export changes
 * (another manifest.json, or the folder now links to another export) or a chart
 * spec does: `npm run dev` replaces the data while the server runs.
 */
export function reportData(): ReportData {
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
  const chartsDir = process.env.REPORT_CHARTS_DIR || null;
  const version = dataVersion(dir, chartsDir);
  if (!cached || cached.version !== version) {
    cached = { version, data: loadReportData(dir, { chartsDir }) };
  }
  return cached.data;
}

/** What identifies one export and one set of chart specs: paths and modification times. */
export function dataVersion(dir: string, chartsDir: string | null): string {
  const stamp = (path: string) => {
    try {
      const info = statSync(path);
      return `${info.mtimeMs}:${info.size}`;
    } catch {
      return 'none';
    }
  };
  let real = dir;
  try {
    real = realpathSync(dir);
  } catch {
    // Not there (yet): loading says so.
  }
  const parts = [real, stamp(join(real, 'manifest.json'))];
  if (chartsDir) parts.push(...chartSpecFiles(chartsDir).map((file) => `${file}@${stamp(file)}`));
  return parts.join('|');
}

// ---------------------------------------------------------------------------
// Declared charts and their marts

function readDeclaredCharts(folder: string, manifest: Manifest, chartsDir: string): DeclaredChart[] {
  const specs = readChartSpecs(chartsDir);
  const marts = new Map<string, MartData>();
  return specs.map((spec) => {
    let data = marts.get(spec.mart);
    if (!data) {
      const path = join(folder, datasetFile(manifest, spec.mart));
      if (!existsSync(path)) {
        throw new DatasetError(
          `dataset ${spec.mart}: file not found (in ${path}), and the chart ${spec.file} reads it; ` +
            `write queries/marts/${spec.mart}.sql, or name another mart in usermeta.report.mart`,
        );
      }
      data = readMart(spec.mart, path);
      marts.set(spec.mart, data);
    }
    const has = (column: string) => data.columns.some((c) => c.name === column);
    const chart: DeclaredChart = {
      ...spec,
      monthColumn: spec.monthColumn === undefined ? (has('month') ? 'month' : null) : spec.monthColumn,
      modelColumn: spec.modelColumn === undefined ? (has('model') ? 'model' : null) : spec.modelColumn,
      data,
    };
    checkChartColumns(chart, data, join(folder, data.file));
    return chart;
  });
}

function checkChartColumns(spec: DeclaredChart, data: MartData, where: string): void {
  const types = new Map(data.columns.map((c) => [c.name, c.type]));
  const known = data.columns.map((c) => c.name).join(', ');
  const missing = (column: string, role: string) =>
    new DatasetError(`dataset ${data.name}: no column ${column}, which the chart ${spec.file} uses ${role}; the mart has ${known} (in ${where})`);
  for (const field of spec.fields) if (!types.has(field)) throw missing(field, 'in its spec');
  for (const column of spec.columns ?? []) if (!types.has(column.field)) throw missing(column.field, 'in usermeta.report.columns');
  for (const { field } of spec.sort) if (!types.has(field)) throw missing(field, 'in usermeta.report.sort');
  for (const [role, column] of [['as its month filter (usermeta.report.month)', spec.monthColumn], ['as its model filter (usermeta.report.model)', spec.modelColumn]] as const) {
    if (column === null) continue;
    const type = types.get(column);
    if (type === undefined) throw missing(column, role);
    if (type !== 'Utf8') throw new DatasetError(`dataset ${data.name}: column ${column} must be Utf8, found ${type}; the chart ${spec.file} uses it ${role} (in ${where})`);
  }
  if (spec.monthColumn !== null) {
    const column = spec.monthColumn;
    const bad = data.rows.findIndex((r) => r[column] !== null && !isMonthKey(r[column]));
    if (bad >= 0) {
      throw new DatasetError(
        `dataset ${data.name}: column ${column} must be a YYYY-MM month, found ${JSON.stringify(data.rows[bad]?.[column])} in row ${bad + 1}; the chart ${spec.file} filters by it (in ${where})`,
      );
    }
  }
}

/** Reads a mart as it is: every column with its Arrow type (Utf8, Float64, Bool or Date32). */
export function readMart(name: string, path: string): MartData {
  const where = `(in ${path})`;
  let table: Table;
  try {
    table = tableFromIPC(readFileSync(path));
  } catch (error) {
    throw new DatasetError(`dataset ${name}: not an Arrow IPC file: ${(error as Error).message} ${where}`);
  }
  const columns = table.schema.fields.map((field) => {
    const type = (['Utf8', 'Float64', 'Bool', 'Date32'] as const).find((t) => hasType(field.type, t));
    if (!type) throw new DatasetError(`dataset ${name}: column ${field.name} must be Utf8, Float64, Bool or Date32, found ${String(field.type)} ${where}`);
    const vector = table.getChild(field.name);
    if (!vector) throw new DatasetError(`dataset ${name}: column ${field.name} has no data ${where}`);
    return { name: field.name, type, vector };
  });
  const rows: Record<string, Value>[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, Value> = {};
    for (const { name: column, type, vector } of columns) {
      const value: unknown = vector.get(i);
      if (value === null || value === undefined) row[column] = null;
      else if (type === 'Float64') row[column] = Number.isFinite(value) ? (value as number) : null;
      else if (type === 'Bool') row[column] = Boolean(value);
      else if (type === 'Date32') row[column] = new Date(value instanceof Date ? value.getTime() : Number(value)).toISOString().slice(0, 10);
      else row[column] = String(value);
    }
    rows.push(row);
  }
  return { name, file: basename(path), columns: columns.map(({ name: n, type }) => ({ name: n, type })), rows };
}

export type Value = string | number | boolean | null;

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

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

  const rows: Record<string, Value>[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, Value> = {};
    for (const { column, spec, vector } of columns) {
      const value: unknown = vector.get(i);
      const at = `in row ${i + 1} ${where}`;
      const fail = (expected: string, found: string): never => {
        throw new DatasetError(`dataset ${name}: column ${column} must be ${expected}, found ${found} ${at}`);
      };
      if (value === null || value === undefined) {
        if (spec.required) throw new DatasetError(`dataset ${name}: column ${column} must not be null, found null ${at}`);
        row[column] = null;
      } else if (spec.type === 'Float64') {
        if (typeof value !== 'number' || !Number.isFinite(value)) fail('a finite number', String(value));
        row[column] = value as number;
      } else if (spec.type === 'Bool') {
        row[column] = Boolean(value);
      } else if (spec.type === 'Date32') {
        // Arrow gives days as milliseconds since 1970-01-01 UTC.
        const ms = value instanceof Date ? value.getTime() : Number(value);
        if (!Number.isFinite(ms)) fail('a date', String(value));
        row[column] = new Date(ms).toISOString().slice(0, 10);
      } else {
        const text = String(value);
        if (spec.monthKey && !isMonthKey(text)) fail('a YYYY-MM month', JSON.stringify(text));
        if (spec.timestamp && (!ISO_TIMESTAMP.test(text) || Number.isNaN(Date.parse(text)))) fail('an ISO timestamp', JSON.stringify(text));
        row[column] = text;
      }
    }
    rows.push(row);
  }

  checkUniqueKeys(name, ROW_KEYS[name] as readonly string[], rows, where);
  return rows as unknown as DatasetRows[N];
}

function hasType(type: DataType, expected: ColumnType): boolean {
  switch (expected) {
    case 'Utf8':
      return DataType.isUtf8(type);
    case 'Float64':
      return DataType.isFloat(type) && type.precision === Precision.DOUBLE;
    case 'Bool':
      return DataType.isBool(type);
    case 'Date32':
      return DataType.isDate(type) && String(type) === 'Date32<DAY>';
  }
}

function checkUniqueKeys(name: string, keyColumns: readonly string[], rows: readonly Record<string, Value>[], where: string): void {
  if (keyColumns.length === 0) return;
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

type Fail = (field: string, expected: string, found: unknown) => never;

function checker(file: string, path: string) {
  const where = `(in ${path})`;
  const fail: Fail = (field, expected, found) => {
    throw new DatasetError(`${file}: ${field} must be ${expected}, found ${describe(found)} ${where}`);
  };
  const str = (field: string, value: unknown) => (typeof value === 'string' ? value : fail(field, 'a string', value));
  const list = (field: string, value: unknown) => (Array.isArray(value) ? (value as unknown[]) : fail(field, 'a list', value));
  const object = (field: string, value: unknown) => asObject(value) ?? fail(field, 'an object', value);
  return { fail, str, list, object };
}

function readJson(folder: string, file: string): { raw: unknown; path: string } {
  const path = join(folder, file);
  if (!existsSync(path)) throw new DatasetError(`${file}: file not found (in ${path})`);
  try {
    return { raw: JSON.parse(readFileSync(path, 'utf8')), path };
  } catch (error) {
    throw new DatasetError(`${file}: not valid JSON: ${(error as Error).message} (in ${path})`);
  }
}

export function readManifest(folder: string): Manifest {
  const { raw, path } = readJson(folder, 'manifest.json');
  const { fail, str, object } = checker('manifest.json', path);
  const root = object('the file', raw);
  const settings = object('settings', root.settings);

  const num = (field: string, value: unknown, ok: (n: number) => boolean, expected: string) =>
    typeof value === 'number' && Number.isFinite(value) && ok(value) ? value : fail(field, expected, value);
  const optionalNum = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const monthList = (field: string, value: unknown) => {
    const months = Array.isArray(value) ? (value as unknown[]) : fail(field, 'a list of YYYY-MM months', value);
    return months.map((m, i) => (isMonthKey(m) ? m : fail(`${field}[${i}]`, 'a YYYY-MM month', m)));
  };

  const month = isMonthKey(root.month) ? root.month : fail('month', 'a YYYY-MM month', root.month);
  const months = monthList('months', root.months);
  if (!months.includes(month)) fail('months', `a list that holds the report month ${month}`, root.months);
  const completeMonths = root.complete_months === undefined ? [] : monthList('complete_months', root.complete_months);

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
  const basis =
    settings.lookback_basis === 'time' || settings.lookback_basis === 'calendar_days'
      ? settings.lookback_basis
      : fail('settings.lookback_basis', '"time" or "calendar_days"', settings.lookback_basis);
  const countViews = typeof settings.count_views === 'boolean' ? settings.count_views : fail('settings.count_views', 'true or false', settings.count_views);

  const inputs = (Array.isArray(root.inputs) ? root.inputs : []).map((entry: unknown, i): ManifestInput => {
    const input = object(`inputs[${i}]`, entry);
    return {
      path: str(`inputs[${i}].path`, input.path),
      kind: typeof input.kind === 'string' ? input.kind : null,
      format: typeof input.format === 'string' ? input.format : null,
      rows: optionalNum(input.rows),
      rejected: optionalNum(input.rejected),
      moneyLeftOut: input.money_left_out === true,
      rejectedMoney: (Array.isArray(input.rejected_money) ? input.rejected_money : []).map((m: unknown, j) => {
        const money = object(`inputs[${i}].rejected_money[${j}]`, m);
        return {
          currency: typeof money.currency === 'string' ? money.currency : null,
          amount: typeof money.amount === 'string' ? money.amount : null,
          rows: optionalNum(money.rows) ?? 0,
          unreadable: optionalNum(money.unreadable) ?? 0,
        };
      }),
    };
  });

  const datasets: Record<string, ManifestDataset> = {};
  const listed = root.datasets === undefined ? {} : object('datasets', root.datasets);
  for (const [name, entry] of Object.entries(listed)) {
    const dataset = object(`datasets.${name}`, entry);
    const file = str(`datasets.${name}.file`, dataset.file);
    if (!/^[\w.-]+$/.test(file) || file.startsWith('.')) fail(`datasets.${name}.file`, 'a file name inside the data folder', file);
    datasets[name] = { file, rows: optionalNum(dataset.rows) };
  }

  const warnings = (Array.isArray(root.warnings) ? root.warnings : []).map((w: unknown, i) => str(`warnings[${i}]`, w));

  return {
    month,
    months,
    complete_months: completeMonths,
    data_as_of: dataAsOf,
    generated_at: generatedAt,
    title,
    settings: {
      currency,
      timezone,
      locale,
      gross_margin: num('settings.gross_margin', settings.gross_margin, (n) => n >= 0 && n <= 1, 'a ratio between 0 and 1'),
      attribution_model: model,
      lookback_days: num('settings.lookback_days', settings.lookback_days, (n) => Number.isInteger(n) && n >= 0, 'a whole number of days'),
      lookback_basis: basis,
      time_decay_half_life_days: num('settings.time_decay_half_life_days', settings.time_decay_half_life_days, (n) => n > 0, 'a number of days above 0'),
      count_views: countViews,
      path_transform: str('settings.path_transform', settings.path_transform),
      ...(settings.period_rows === undefined ? {} : { period_rows: str('settings.period_rows', settings.period_rows) }),
    },
    inputs,
    datasets,
    warnings,
  };
}

// ---------------------------------------------------------------------------
// catalog.json: marts, metrics and data tests for the methodology page

export function readCatalog(folder: string): Catalog {
  const { raw, path } = readJson(folder, 'catalog.json');
  const { str, list, object } = checker('catalog.json', path);
  const root = object('the file', raw);
  const entries = (field: string) => list(field, root[field]).map((entry, i) => ({ at: `${field}[${i}]`, entry: object(`${field}[${i}]`, entry) }));
  return {
    marts: entries('marts').map(({ at, entry }) => ({
      name: str(`${at}.name`, entry.name),
      file: str(`${at}.file`, entry.file),
      description: str(`${at}.description`, entry.description),
      columns: list(`${at}.columns`, entry.columns).map((c, j) => {
        const column = object(`${at}.columns[${j}]`, c);
        return { name: str(`${at}.columns[${j}].name`, column.name), type: str(`${at}.columns[${j}].type`, column.type) };
      }),
    })),
    metrics: entries('metrics').map(({ at, entry }) => ({
      name: str(`${at}.name`, entry.name),
      definition: str(`${at}.definition`, entry.definition),
      file: str(`${at}.file`, entry.file),
    })),
    tests: entries('tests').map(({ at, entry }) => ({
      name: str(`${at}.name`, entry.name),
      file: str(`${at}.file`, entry.file),
      severity: str(`${at}.severity`, entry.severity),
      description: str(`${at}.description`, entry.description),
    })),
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

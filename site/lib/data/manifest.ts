// manifest.json and catalog.json, normalised field by field: a field that is missing or
// of the wrong kind fails the build naming the file, the field, what was expected and
// what was found.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportSettings } from '../../../pipeline/config.ts';
import { isAttributionModel, isLocale } from '../i18n.ts';
import { isMonthKey } from '../months.ts';
import { DatasetError } from './error.ts';

/**
 * report.json's settings as manifest.json carries them (pipeline/manifest.ts writes them
 * from pipeline/config.ts's ReportSettings, less the title, which the manifest holds on its own).
 * The site reads these; path_transform and period_rows are kept as the text found, and
 * period_rows is absent in older manifests (read as `unused`).
 */
export type Settings = Pick<
  ReportSettings,
  'currency' | 'timezone' | 'locale' | 'gross_margin' | 'attribution_model' | 'lookback_days' | 'lookback_basis' | 'time_decay_half_life_days' | 'count_views'
> & {
  path_transform: string;
  period_rows?: string;
  /**
   * Replicates of the bootstrap behind every interval; 0: intervals are off (every `_low`/`_high`
   * null, roi_verdicts and channel_ranking empty). A manifest without it predates the bootstrap: 0.
   */
  bootstrap_replicates: number;
  /** The intervals' level and the share of replicates a verdict needs (0.9: the middle 90 %). */
  interval_level: number;
  /** Fewer conversions under the report's model than this: "too few conversions to judge". */
  min_conversions: number;
};

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
  /** The note behind each warning (pipeline/notes.ts), which the report words in its locale; an older manifest's warnings are read as `text` notes. */
  notes: ManifestNote[];
}

export interface ManifestNote {
  key: string;
  params: Record<string, string | number>;
}

/** The file of a dataset inside the data folder, as the manifest names it. */
export function datasetFile(manifest: Manifest, name: string): string {
  return manifest.datasets[name]?.file ?? `${name}.arrow`;
}

/** A text per locale (`-- … [<locale>]` lines of the SQL); an older catalog's one text is read as every locale's. */
export type CatalogTexts = Partial<Record<string, string>>;

export interface CatalogMart {
  name: string;
  /** The SQL file, e.g. queries/marts/campaign_roi.sql. */
  file: string;
  /** Its `-- dataset [<locale>]` lines, else the SQL file's header comment. */
  description: CatalogTexts;
  columns: { name: string; type: string }[];
}

/** An attribution model as the `-- model` lines of the attribution SQL describe it, its settings filled in. */
export interface CatalogModel {
  key: string;
  /** Per locale; a locale the SQL has no line for is absent. */
  label: Partial<Record<string, string>>;
  description: Partial<Record<string, string>>;
}

export interface Catalog {
  marts: CatalogMart[];
  metrics: { key: string; name: CatalogTexts; definition: CatalogTexts; file: string }[];
  /** The models the report computes, in the SQL's order; absent in older catalogs (read as none). */
  models: CatalogModel[];
  tests: { name: string; file: string; severity: string; description: CatalogTexts }[];
}

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
  const { fail, str, list, object } = checker('manifest.json', path);
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
  const locale = isLocale(settings.locale) ? settings.locale : fail('settings.locale', '"de", "en" or "fr"', settings.locale);
  const model = isAttributionModel(settings.attribution_model)
    ? settings.attribution_model
    : fail('settings.attribution_model', 'a model key such as last_touch', settings.attribution_model);
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
  const notes: ManifestNote[] =
    root.notes === undefined
      ? warnings.map((text) => ({ key: 'text', params: { text } }))
      : list('notes', root.notes).map((n, i) => {
          const entry = object(`notes[${i}]`, n);
          const params = object(`notes[${i}].params`, entry.params);
          for (const [name, value] of Object.entries(params)) {
            if (typeof value !== 'string' && typeof value !== 'number') fail(`notes[${i}].params.${name}`, 'a string or a number', value);
          }
          return { key: str(`notes[${i}].key`, entry.key), params: params as ManifestNote['params'] };
        });

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
      bootstrap_replicates:
        settings.bootstrap_replicates === undefined ? 0 : num('settings.bootstrap_replicates', settings.bootstrap_replicates, (n) => Number.isInteger(n) && n >= 0, 'a whole number of replicates (0: no intervals)'),
      interval_level: settings.interval_level === undefined ? 0.9 : num('settings.interval_level', settings.interval_level, (n) => n > 0 && n < 1, 'a share between 0 and 1'),
      min_conversions: settings.min_conversions === undefined ? 20 : num('settings.min_conversions', settings.min_conversions, (n) => n >= 0, 'a number of conversions, 0 or more'),
    },
    inputs,
    datasets,
    warnings,
    notes,
  };
}

// catalog.json: marts, metrics and data tests for the methodology page

export function readCatalog(folder: string): Catalog {
  const { raw, path } = readJson(folder, 'catalog.json');
  const { fail, str, list, object } = checker('catalog.json', path);
  const root = object('the file', raw);
  const entries = (field: string) => list(field, root[field]).map((entry, i) => ({ at: `${field}[${i}]`, entry: object(`${field}[${i}]`, entry) }));
  const texts = (field: string, value: unknown): CatalogTexts => {
    if (typeof value === 'string') return { '*': value };
    const perLocale = asObject(value) ?? fail(field, 'a string or a text per locale', value);
    return Object.fromEntries(Object.entries(perLocale).map(([locale, text]) => [locale, str(`${field}.${locale}`, text)]));
  };
  return {
    marts: entries('marts').map(({ at, entry }) => ({
      name: str(`${at}.name`, entry.name),
      file: str(`${at}.file`, entry.file),
      description: texts(`${at}.description`, entry.description),
      columns: list(`${at}.columns`, entry.columns).map((c, j) => {
        const column = object(`${at}.columns[${j}]`, c);
        return { name: str(`${at}.columns[${j}].name`, column.name), type: str(`${at}.columns[${j}].type`, column.type) };
      }),
    })),
    metrics: entries('metrics').map(({ at, entry }) => ({
      key: entry.key === undefined ? JSON.stringify(entry.name) : str(`${at}.key`, entry.key),
      name: texts(`${at}.name`, entry.name),
      definition: texts(`${at}.definition`, entry.definition),
      file: str(`${at}.file`, entry.file),
    })),
    models: (root.models === undefined ? [] : entries('models')).map(({ at, entry }) => {
      const texts = (field: string) =>
        Object.fromEntries(Object.entries(object(`${at}.${field}`, entry[field])).map(([locale, text]) => [locale, str(`${at}.${field}.${locale}`, text)]));
      return { key: str(`${at}.key`, entry.key), label: texts('label'), description: texts('description') };
    }),
    tests: entries('tests').map(({ at, entry }) => ({
      name: str(`${at}.name`, entry.name),
      file: str(`${at}.file`, entry.file),
      severity: str(`${at}.severity`, entry.severity),
      description: texts(`${at}.description`, entry.description),
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

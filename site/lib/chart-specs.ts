// Charts that analysts declare without TypeScript: one Vega-Lite spec per file in
// site/charts (REPORT_CHARTS_DIR), named <name>.vl.json. The spec draws the rows of
// one mart; what the report needs besides (the page, the mart, which columns filter
// the page's month and model, the table behind the chart) sits in the spec's own
// metadata field, `usermeta.report`, which Vega-Lite ignores:
//
//   {
//     "title": "Kosten je neuem Follower",
//     "description": "Gesamtkosten je neuem Follower und Kanal im {month}.",
//     "usermeta": { "report": { "page": "channels", "columns": { "channel": "text", "cost_per_follower": "money" } } },
//     "mark": "bar",
//     "encoding": { "y": { "field": "channel", "type": "nominal" }, "x": { "field": "cost_per_follower", "type": "quantitative" } }
//   }
//
// This module reads and checks the files; data/declared-charts.ts reads the mart each names and
// checks the columns; views/declared.ts turns both into the figures of a page.
// queries/README.md documents the format with a worked example.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { isLocale, type Locale } from './i18n.ts';
import { MONTH_SECTIONS } from './routes.ts';
import type { CellKind } from './table.ts';

/** The pages a declared chart can appear on: the pages of a month, and data quality. */
export const CHART_PAGES = [...MONTH_SECTIONS, 'data-quality'] as const;
export type ChartPage = (typeof CHART_PAGES)[number];

/** How a table column of a declared chart is written; the kinds of table.ts. */
export const COLUMN_FORMATS = [
  'text', 'code', 'money', 'money0', 'percent', 'percentChange', 'pointsChange', 'ratio', 'ratioChange', 'count', 'integer', 'number', 'month', 'date',
] as const satisfies readonly CellKind[];

/** A text of the page: the spec's own, and a version per report locale where given. */
export interface Texts {
  text: string;
  byLocale: Partial<Record<Locale, string>>;
}

export interface ChartColumn {
  field: string;
  /** Null: from the column's type (text, month, date, number). */
  format: CellKind | null;
  /** Null: the report's word for the column, else its name. */
  label: Texts | null;
}

export interface ChartSpecFile {
  /** The spec file as messages name it, e.g. site/charts/channel_followers.vl.json. */
  file: string;
  /** The file name without `.vl.json`: the figure's id and its CSV file's name. */
  name: string;
  page: ChartPage;
  /** The mart whose rows the chart draws (default: the file's name). */
  mart: string;
  /** Position among the declared charts of its page (then the file name). */
  order: number;
  /** Spans the whole width of the page's chart grid. */
  wide: boolean;
  title: Texts;
  description: Texts;
  /** The column holding the month (`YYYY-MM`); undefined: `month` when the mart has it; null: no month filter. */
  monthColumn: string | null | undefined;
  /** How many months the chart shows, ending with the page's month (1: only that month). */
  months: number;
  /** The column holding the attribution model; undefined: `model` when the mart has it; null: none. */
  modelColumn: string | null | undefined;
  /** The table behind the chart; null: every column of the mart but the filters. */
  columns: ChartColumn[] | null;
  /** Row order, for the chart's data and its table; empty: the mart's order. */
  sort: { field: string; descending: boolean }[];
  /** The Vega-Lite spec to draw, without title, description, usermeta and data. */
  spec: TopLevelSpec;
  /** The spec sets its own width: drawn once, at that width. */
  fixedWidth: boolean;
  /** Every mart column the spec reads. */
  fields: string[];
}

/** A problem with a chart spec file; the build stops with its message. */
export class ChartSpecError extends Error {
  override name = 'ChartSpecError';

  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

const SUFFIX = '.vl.json';

/** The spec files of a charts folder, sorted; none when the folder does not exist. */
export function chartSpecFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort()
    .map((f) => join(dir, f));
}

/** site/charts/x.vl.json for the project's own folder, else the whole path. */
function displayPath(dir: string, file: string): string {
  return basename(dir) === 'charts' && basename(dirname(dir)) === 'site' ? `site/charts/${basename(file)}` : file;
}

/** Reads every spec of the charts folder, in page order (order, then name). */
export function readChartSpecs(dir: string): ChartSpecFile[] {
  return chartSpecFiles(dir)
    .map((path) => {
      const file = displayPath(dir, path);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new ChartSpecError(`chart spec ${file}: not valid JSON: ${(error as Error).message}`);
      }
      return parseChartSpec(file, basename(path).slice(0, -SUFFIX.length), raw);
    })
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

const NAME = /^[a-z0-9][a-z0-9_-]*$/;
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KNOWN_META = ['page', 'mart', 'order', 'wide', 'month', 'months', 'model', 'columns', 'sort', 'title', 'description'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one spec and its `usermeta.report` block; `name` is the file name without `.vl.json`. */
export function parseChartSpec(file: string, name: string, raw: unknown): ChartSpecFile {
  const fail = (what: string, expected: string, found: unknown): never => {
    throw new ChartSpecError(`chart spec ${file}: ${what} must be ${expected}, found ${found === undefined ? 'nothing' : JSON.stringify(found)}`);
  };
  if (!NAME.test(name)) fail('the file name', 'lower case letters, digits, _ and - before .vl.json', `${name}${SUFFIX}`);
  if (!isObject(raw)) return fail('the file', 'a Vega-Lite spec (a JSON object)', raw);
  const { title, description, usermeta, data, $schema: _schema, ...rest } = raw;
  if (data !== undefined && !(isObject(data) && data.name === 'table' && Object.keys(data).length === 1)) {
    fail('"data"', 'left out (the chart draws the rows of its mart for the page’s month)', data);
  }
  const meta = isObject(usermeta) && usermeta.report !== undefined ? usermeta.report : fail('usermeta.report', 'an object saying at least which page the chart is on, e.g. {"page": "channels"}', isObject(usermeta) ? undefined : usermeta);
  if (!isObject(meta)) return fail('usermeta.report', 'an object', meta);
  const unknown = Object.keys(meta).find((k) => !KNOWN_META.includes(k));
  if (unknown !== undefined) fail(`usermeta.report.${unknown}`, `one of ${KNOWN_META.join(', ')}`, unknown);

  const page = (CHART_PAGES as readonly unknown[]).includes(meta.page) ? (meta.page as ChartPage) : fail('usermeta.report.page', `one of ${CHART_PAGES.join(', ')}`, meta.page);
  const mart = meta.mart === undefined ? name.replace(/-/g, '_') : typeof meta.mart === 'string' && COLUMN.test(meta.mart) ? meta.mart : fail('usermeta.report.mart', 'the name of a mart (queries/marts/<name>.sql)', meta.mart);
  const order = meta.order === undefined ? 0 : typeof meta.order === 'number' && Number.isFinite(meta.order) ? meta.order : fail('usermeta.report.order', 'a number', meta.order);
  const wide = meta.wide === undefined ? false : typeof meta.wide === 'boolean' ? meta.wide : fail('usermeta.report.wide', 'true or false', meta.wide);
  const column = (what: string, value: unknown): string | null | undefined =>
    value === undefined || value === null ? (value as undefined | null) : typeof value === 'string' && COLUMN.test(value) ? value : fail(what, 'a column name or null', value);
  const monthColumn = column('usermeta.report.month', meta.month);
  const modelColumn = column('usermeta.report.model', meta.model);
  const months = meta.months === undefined ? 1 : Number.isInteger(meta.months) && (meta.months as number) >= 1 && (meta.months as number) <= 120 ? (meta.months as number) : fail('usermeta.report.months', 'a whole number of months from 1 to 120', meta.months);

  const texts = (what: string, main: unknown, localized: unknown, required: boolean): Texts => {
    const byLocale: Partial<Record<Locale, string>> = {};
    if (localized !== undefined) {
      if (!isObject(localized)) fail(`usermeta.report.${what}`, 'an object of texts by locale, e.g. {"en": "…"}', localized);
      for (const [locale, text] of Object.entries(localized as Json)) {
        if (!isLocale(locale)) fail(`usermeta.report.${what}`, 'texts for "de", "en" or "fr"', locale);
        if (typeof text !== 'string' || text.trim() === '') fail(`usermeta.report.${what}.${locale}`, 'a text', text);
        byLocale[locale as Locale] = text as string;
      }
    }
    if (main === undefined && Object.keys(byLocale).length > 0) return { text: Object.values(byLocale)[0] ?? '', byLocale };
    if (typeof main === 'string' && main.trim() !== '') return { text: main, byLocale };
    if (!required && main === undefined) return { text: '', byLocale };
    return fail(`"${what}"`, 'a text (the figure’s ' + (what === 'title' ? 'title' : 'caption') + '; {month} stands for the page’s month)', main);
  };

  const formatOf = (what: string, value: unknown): CellKind | null =>
    value === undefined || value === null ? null : (COLUMN_FORMATS as readonly unknown[]).includes(value) ? (value as CellKind) : fail(what, `one of ${COLUMN_FORMATS.join(', ')}`, value);
  let columns: ChartColumn[] | null = null;
  if (meta.columns !== undefined) {
    const entries: [string, unknown][] = Array.isArray(meta.columns)
      ? meta.columns.map((c): [string, unknown] => (typeof c === 'string' ? [c, null] : fail('usermeta.report.columns', 'column names, or an object of column: format', c)))
      : isObject(meta.columns)
        ? Object.entries(meta.columns)
        : fail('usermeta.report.columns', 'an object of column: format, e.g. {"channel": "text", "cost": "money"}', meta.columns);
    columns = entries.map(([field, value]) => {
      if (!COLUMN.test(field)) fail('usermeta.report.columns', 'column names', field);
      const at = `usermeta.report.columns.${field}`;
      if (isObject(value)) {
        const extra = Object.keys(value).find((k) => k !== 'format' && k !== 'label');
        if (extra !== undefined) fail(at, 'a format, or {"format": …, "label": …}', extra);
        const label = value.label === undefined ? null : typeof value.label === 'string' ? { text: value.label, byLocale: {} } : texts(`columns.${field}.label`, undefined, value.label, true);
        return { field, format: formatOf(`${at}.format`, value.format), label };
      }
      return { field, format: formatOf(at, value), label: null };
    });
  }
  const sortList = meta.sort === undefined ? [] : typeof meta.sort === 'string' ? [meta.sort] : Array.isArray(meta.sort) ? (meta.sort as unknown[]) : fail('usermeta.report.sort', 'a column, or a list of columns, "-" before a column for descending', meta.sort);
  const sort = sortList.map((s) => {
    if (typeof s !== 'string' || !COLUMN.test(s.replace(/^-/, ''))) return fail('usermeta.report.sort', 'column names, "-" before one for descending', s);
    return { field: s.replace(/^-/, ''), descending: s.startsWith('-') };
  });

  const spec = { ...rest, data: { name: 'table' } } as unknown as TopLevelSpec;
  try {
    compile(spec);
  } catch (error) {
    throw new ChartSpecError(`chart spec ${file}: Vega-Lite cannot draw it: ${(error as Error).message}`);
  }
  return {
    file,
    name,
    page,
    mart,
    order,
    wide,
    title: texts('title', title, meta.title, true),
    description: texts('description', description, meta.description, false),
    monthColumn,
    months,
    modelColumn,
    columns,
    sort,
    spec,
    fixedWidth: typeof rest.width === 'number',
    fields: specFields(rest),
  };
}

// ---------------------------------------------------------------------------
// The columns a spec reads

const DATUM = /\bdatum\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(['"])(.*?)\2\s*\])/g;
const EXPRESSIONS = new Set(['filter', 'calculate', 'test', 'expr']);
/** Fields that transforms make without an `as`. */
const IMPLICIT: Record<string, string[]> = { fold: ['key', 'value'], density: ['value', 'density'], quantile: ['prob', 'value'] };

/** The top-level column of a field reference: `a.b` reads `a`; `a\.b` is the column `a.b`. */
function columnOf(field: string): string {
  return field.replace(/\\\./g, '\u0000').split(/[.[]/)[0]!.replace(/\u0000/g, '.');
}

/**
 * Every column the spec reads: `field` in encodings and transforms, `groupby`
 * and `fields` lists, and `datum.x` in expressions; less what transforms make
 * (`as`, fold's key and value). After a pivot, the columns are the pivot's values,
 * which only the data knows: such a spec is checked up to its pivot only.
 */
export function specFields(spec: Json): string[] {
  const used = new Set<string>();
  const derived = new Set<string>();
  let pivot = false;
  const visit = (node: unknown, key: string | null): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, key);
      return;
    }
    if (typeof node === 'string') {
      if (key !== null && EXPRESSIONS.has(key)) for (const m of node.matchAll(DATUM)) used.add(m[1] ?? m[3] ?? '');
      return;
    }
    if (!isObject(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'pivot') pivot = true;
      if (IMPLICIT[k] && node.as === undefined) for (const name of IMPLICIT[k]) derived.add(name);
      if (k === 'field' && typeof v === 'string') used.add(columnOf(v));
      else if ((k === 'groupby' || k === 'fields' || k === 'fold') && Array.isArray(v)) {
        for (const f of v) if (typeof f === 'string') used.add(columnOf(f));
      } else if (k === 'as') {
        for (const a of Array.isArray(v) ? v : [v]) if (typeof a === 'string') derived.add(a);
      }
      if (k === 'data' || k === 'usermeta' || k === 'config') continue;
      visit(v, k);
    }
  };
  if (Array.isArray(spec.transform)) visit(spec.transform, 'transform');
  const fromTransforms = new Set(used);
  visit(Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'transform')), null);
  const fields = pivot ? fromTransforms : used;
  return [...fields].filter((f) => f !== '' && !derived.has(f)).sort();
}

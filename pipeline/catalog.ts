// catalog.json: what the methodology page shows, in every locale of the report. Each
// mart with its description (`-- dataset [<locale>] <text>` lines, else the comment at
// the top of its SQL file) and its columns; each metric with its name and definition
// and the file that computes it, from `-- metric <key> [<locale>] <name>: <definition>`
// lines; each attribution model with its label and description, from
// `-- model <key> [<locale>] <label>: <description>` lines; each data test with its
// severity and its description, from `-- test [<locale>] <text>` lines (check.ts). A
// key with lines in some locales and not in all stops the run naming the ones missing,
// so every locale's report has every text. A metric line without a key and locale
// (`-- metric <name>: <definition>`, an analyst's own) is shown as written in every
// locale. `code` in backticks is shown as code. The SQL stays the one place a metric or
// a model is defined.
// `{setting}` in a metric or model text is that setting of report.json, filled in
// here (a share such as position_based_first as a percentage in the report's
// locale: 0.4 -> "40 %"), so a changed setting changes every text that states it.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { DataTest } from './check.ts';
import { LOCALES, type Locale, type ReportSettings } from './config.ts';
import { EXIT, ReportError } from './errors.ts';
import type { ExportedDataset } from './export-arrow.ts';
import { headerLines, MATERIALIZED_LINE, type QueryFile } from './queries.ts';
import { everyLocale, lineLocale, requireEveryLocale, type LocaleTexts } from './locale-lines.ts';

export type { LocaleTexts } from './locale-lines.ts';

export interface CatalogModel {
  key: string;
  /** Per locale of the `-- model` lines; a locale without a line falls back to another's words. */
  label: Partial<Record<Locale, string>>;
  description: Partial<Record<Locale, string>>;
  /** The settings the texts name, with their values. */
  parameters: Record<string, number | string | boolean | null>;
  file: string;
}

export interface CatalogMetric {
  key: string;
  name: LocaleTexts;
  definition: LocaleTexts;
  file: string;
}

export interface Catalog {
  marts: { name: string; file: string; description: LocaleTexts; columns: { name: string; type: string }[] }[];
  metrics: CatalogMetric[];
  models: CatalogModel[];
  tests: { name: string; file: string; severity: string; description: LocaleTexts }[];
}

const METRIC = /^--\s*metric\s+([^:]+):\s*(.+)$/i;
const KEYED_METRIC = /^--\s*metric\s+([a-z][a-z0-9_]*)\s+\[([a-z]{2})\]\s+([^:]+):\s*(.+)$/;
/** A dataset's description in one locale, in a mart's header. */
export const DATASET_LINE = /^--\s*dataset\s+\[([a-z]{2})\]\s+(.+)$/;
const MODEL = /^--\s*model\s+([a-z][a-z0-9_]*)\s+\[([a-z]{2})\]\s+([^:]+):\s*(.+)$/;
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
/** Settings that are shares of a whole, written as percentages. */
const PERCENT_SETTINGS = new Set(['position_based_first', 'position_based_last', 'gross_margin']);
const INTL: Record<Locale, string> = { de: 'de-DE', en: 'en-GB', fr: 'fr-FR' };

/** The comment lines at the top of a SQL file, without metric and model lines, as one text. */
export function headerComment(sql: string): string {
  return headerLines(sql)
    .filter((line) => !METRIC.test(line) && !MODEL.test(line) && !DATASET_LINE.test(line) && !MATERIALIZED_LINE.test(line))
    .map((line) => line.replace(/^--\s?/, ''))
    .join('\n')
    .trim();
}

type SettingValues = Partial<Record<string, unknown>>;

/** A setting's value as a text states it: 0.4 -> "40 %", 7 -> "7". */
export function settingText(name: string, value: unknown, locale: Locale): string {
  if (typeof value !== 'number') return String(value);
  const number = new Intl.NumberFormat(INTL[locale], { maximumFractionDigits: 2 });
  return PERCENT_SETTINGS.has(name) ? `${number.format(value * 100)} %` : number.format(value);
}

/** A text with each `{setting}` replaced by its value; a name that is no setting stops the run, naming the file. */
export function fillSettings(text: string, settings: SettingValues, locale: Locale, file: string): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in settings)) {
      throw new ReportError(`${file}: ${whole} names no setting of report.json (known: ${Object.keys(settings).join(', ')})`, { exitCode: EXIT.sql });
    }
    return settingText(name, settings[name], locale);
  });
}

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * The `-- metric` lines of every file, their `{setting}` placeholders kept (fillCatalog
 * fills them): keyed lines grouped by key, one text per locale; a line without key and
 * locale the same text in every locale.
 */
export function metricDefinitions(queries: QueryFile[]): CatalogMetric[] {
  const metrics: CatalogMetric[] = [];
  for (const q of queries) {
    const keyed = new Map<string, CatalogMetric>();
    for (const raw of q.sql.split('\n')) {
      const line = raw.trim();
      const k = KEYED_METRIC.exec(line);
      if (k) {
        const [, key, locale, name, definition] = k as unknown as [string, string, string, string, string];
        let metric = keyed.get(key);
        if (!metric) {
          keyed.set(key, (metric = { key, name: {}, definition: {}, file: q.display }));
          metrics.push(metric);
        }
        const loc = lineLocale(locale, q.display, `-- metric ${key}`);
        metric.name[loc] = name.trim();
        metric.definition[loc] = definition.trim();
        continue;
      }
      const m = METRIC.exec(line);
      if (m) {
        const name = m[1]!.trim();
        metrics.push({ key: name, name: everyLocale(name), definition: everyLocale(m[2]!.trim()), file: q.display });
      }
    }
    for (const metric of keyed.values()) requireEveryLocale(metric.name, q.display, `-- metric ${metric.key}`);
  }
  return metrics;
}

/** A mart's description per locale: its `-- dataset [<locale>]` lines, else its header comment in every locale. */
export function datasetDescription(q: QueryFile): LocaleTexts {
  const texts: LocaleTexts = {};
  for (const line of headerLines(q.sql)) {
    const m = DATASET_LINE.exec(line.trim());
    if (!m) continue;
    const loc = lineLocale(m[1]!, q.display, '-- dataset');
    texts[loc] = texts[loc] ? `${texts[loc]} ${m[2]!.trim()}` : m[2]!.trim();
  }
  return Object.keys(texts).length ? requireEveryLocale(texts, q.display, '-- dataset') : everyLocale(headerComment(q.sql));
}

/**
 * The attribution models the `-- model` lines describe, in the order of their first
 * line; the texts keep their `{setting}` placeholders (fillCatalog fills them), and
 * parameters name the settings they state.
 */
export function modelCatalog(queries: QueryFile[]): CatalogModel[] {
  const models = new Map<string, CatalogModel>();
  for (const q of queries) {
    for (const line of headerLines(q.sql)) {
      const m = MODEL.exec(line.trim());
      if (!m) continue;
      const [, key, locale, label, description] = m as unknown as [string, string, string, string, string];
      lineLocale(locale, q.display, `-- model ${key}`);
      let model = models.get(key);
      if (!model) models.set(key, (model = { key, label: {}, description: {}, parameters: {}, file: q.display }));
      const loc = locale as Locale;
      model.label[loc] = label.trim();
      model.description[loc] = description.trim();
      for (const name of placeholders(`${label} ${description}`)) model.parameters[name] = null;
    }
  }
  return [...models.values()];
}

/** The keys of the attribution models the SQL describes: the values report.json's attribution_model may take. */
export function modelKeys(queries: QueryFile[]): string[] {
  return modelCatalog(queries).map((m) => m.key);
}

/** The catalog; its texts keep their `{setting}` placeholders unless settings are given (fillCatalog). */
export function buildCatalog(queries: QueryFile[], datasets: Record<string, ExportedDataset>, tests: DataTest[], settings?: ReportSettings): Catalog {
  const catalog: Catalog = {
    marts: queries
      .filter((q) => q.layer === 'marts')
      .map((q) => ({ name: q.name, file: q.display, description: datasetDescription(q), columns: datasets[q.name]?.columns ?? [] })),
    metrics: metricDefinitions(queries),
    models: modelCatalog(queries),
    tests: tests.map((t) => ({ name: t.name, file: t.display, severity: t.severity, description: t.texts })),
  };
  return settings ? fillCatalog(catalog, settings) : catalog;
}

/**
 * The models the credits hold against the models the `-- model` lines describe: a model
 * computed and not described, or described and not computed, stops the run naming both
 * lists (the report would show a key without words, or words for numbers it lacks).
 */
export function checkModelsDescribed(described: readonly string[], computed: readonly string[], file = 'queries/intermediate/int_attribution_shares.sql'): void {
  const undescribed = computed.filter((m) => !described.includes(m));
  const missing = described.filter((m) => !computed.includes(m));
  if (!undescribed.length && !missing.length) return;
  const parts = [
    undescribed.length ? `the credits hold ${undescribed.join(', ')}, which no "-- model <key> [<locale>] <label>: <description>" line describes` : '',
    missing.length ? `a "-- model" line describes ${missing.join(', ')}, which the credits do not hold` : '',
  ].filter(Boolean);
  throw new ReportError(`${file}: ${parts.join('; ')} (described: ${described.join(', ') || 'none'}; computed: ${computed.join(', ') || 'none'})`, { exitCode: EXIT.sql });
}

async function readJsonIfAny(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The distinct values of a text column of an exported Arrow file; null when the file or column is absent. */
async function distinctTexts(path: string, column: string): Promise<string[] | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  const vector = tableFromIPC(bytes).getChild(column);
  if (!vector) return null;
  const values = new Set<string>();
  for (const value of vector) if (typeof value === 'string') values.add(value);
  return [...values].sort();
}

/** Each locale's text with its `{setting}`s filled, numbers written as that locale writes them. */
function fillTexts(texts: LocaleTexts, values: SettingValues, file: string): LocaleTexts {
  return Object.fromEntries(Object.entries(texts).map(([locale, text]) => [locale, fillSettings(text!, values, locale as Locale, file)]));
}

/** The catalog's texts with every `{setting}` filled from the settings (texts already filled stay as they are). */
export function fillCatalog(catalog: Catalog, settings: ReportSettings): Catalog {
  const values: SettingValues = { ...settings };
  return {
    ...catalog,
    metrics: catalog.metrics.map((m) => ({ ...m, definition: fillTexts(m.definition, values, m.file) })),
    models: catalog.models.map((m) => {
      const fill = (texts: LocaleTexts) => fillTexts(texts, values, m.file);
      return { ...m, label: fill(m.label), description: fill(m.description), parameters: Object.fromEntries(Object.keys(m.parameters).map((name) => [name, (values[name] ?? null) as CatalogModel['parameters'][string]])) };
    }),
  };
}

/**
 * Writes catalog.json into the data folder. Texts still holding `{setting}` are filled
 * from the settings of manifest.json beside it (written first, by the same step), and the
 * models the attribution mart holds are checked against the `-- model` lines.
 */
export async function writeCatalog(dataDir: string, catalog: Catalog): Promise<void> {
  const manifest = (await readJsonIfAny(join(dataDir, 'manifest.json'))) as { settings?: ReportSettings } | undefined;
  const filled = manifest?.settings && (LOCALES as readonly string[]).includes(String(manifest.settings.locale)) ? fillCatalog(catalog, manifest.settings) : catalog;
  const computed = await distinctTexts(join(dataDir, 'attribution.arrow'), 'model');
  if (computed && computed.length) checkModelsDescribed(filled.models.map((m) => m.key), computed);
  await writeFile(join(dataDir, 'catalog.json'), `${JSON.stringify(filled, null, 2)}\n`);
}

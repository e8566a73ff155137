// Reads one export table (a CSV file, or one sheet of a workbook): recognises
// its format by its header (below any title lines, in whichever delimiter),
// decides number and date layouts once for the table, drops totals rows, and
// reads every other row into the fields of its format, or rejects it with
// line, column and reason. What a row then becomes (a daily or period ad row,
// a post, a daily page metric) is decided in records.ts.
import { inputError } from '../errors.ts';
import { readCsvTable, tryReadCsv, type CsvRecord, type CsvTable } from './csv.ts';
import { PLATFORM_FORMATS } from './platforms/index.ts';
import { LINKEDIN_REPORT_TITLE, linkedinCampaignManager } from './platforms/linkedin.ts';
import { FIELDS, type Context, type Field, type PlatformFormat, type Values } from './platforms/format.ts';
import type { DecodedText } from './text.ts';
import { firstLines } from './text.ts';
import {
  cleanId,
  cleanText,
  currencyFromHeader,
  decideDateLayout,
  decideDecimalSeparator,
  headerKey,
  isMidnight,
  isNullMarker,
  parseCount,
  parseDate,
  parseDateTime,
  parseNumber,
  splitDateRange,
  type DateLayout,
  type DecimalSeparator,
} from './values.ts';

export const HEADER_SEARCH_LINES = 15;
const DELIMITERS = [',', ';', '\t'];

/** One way of reading a table: a CSV text with one delimiter, or a workbook sheet. */
export interface TableView {
  sheet: string | null;
  delimiter: string | null;
  /** The first rows, for finding the header; lines relative to the text (CSV) or Excel rows. */
  head: CsvRecord[];
  /** The lines above a header line, as text, for title lines and notes. */
  preamble(headerLine: number): string[];
  /** The rows below a header line, with their lines in the file, and the records that cannot be rows (CSV only). */
  rowsAfter(headerLine: number, file: string, header: readonly string[]): CsvTable;
}

export function csvViews(decoded: DecodedText, file: string): TableView[] {
  const delimiters = decoded.sepHint ? [decoded.sepHint] : DELIMITERS;
  return delimiters.map((delimiter) => ({
    sheet: null,
    delimiter,
    head: tryReadCsv(decoded.text, { delimiter, toLine: HEADER_SEARCH_LINES, file }),
    preamble: (headerLine: number) => firstLines(decoded.text, headerLine - 1),
    rowsAfter: (headerLine: number, file: string, header: readonly string[]) =>
      readCsvTable(decoded.text, { delimiter, fromLine: headerLine + 1, lineOffset: decoded.lineOffset, file, header }),
  }));
}

export function sheetView(name: string, rows: CsvRecord[]): TableView {
  return {
    sheet: name,
    delimiter: null,
    head: rows.filter((r) => r.line <= HEADER_SEARCH_LINES),
    preamble: (headerLine: number) => rows.filter((r) => r.line < headerLine).map((r) => r.cells.filter((c) => c.trim() !== '').join(', ')),
    rowsAfter: (headerLine: number) => ({ records: rows.filter((r) => r.line > headerLine), damaged: [], mixedLineEndings: null }),
  };
}

export interface HeaderMatch {
  format: PlatformFormat;
  view: TableView;
  delimiter: string | null;
  sheet: string | null;
  /** 1-based line of the header within the decoded text (CSV) or the sheet. */
  headerLine: number;
  headers: string[];
  /** Column index per field (the first alias the header has). */
  columns: Partial<Record<Field, number>>;
  /** Further columns of a field (later aliases), read where the first one is empty in a row (Facebook's Title, then Description). */
  fallbacks: Partial<Record<Field, number[]>>;
  /** organic_daily: column index per metric. */
  metricColumns: Record<string, number>;
  /** What the title lines told (metric, platform, period). */
  context: Context;
  score: number;
}

export interface Rejection {
  line: number;
  column: string | null;
  reason: string;
  value: string | null;
}

export interface ParsedRow {
  line: number;
  values: Values;
  /** organic_daily: value per metric. */
  metrics?: Record<string, string | null>;
  /** The period end cell was a midnight (`2026-09-02 00:00:00`): the end of the day before. */
  endsAtMidnight?: boolean;
}

export interface ParsedExport {
  match: HeaderMatch;
  rows: ParsedRow[];
  rejected: Rejection[];
  /** Of `rejected`, the records that are not rows at all (wrong field count, unclosed quote, too long). */
  damaged: Rejection[];
  /** Records below the header that are data: rows, rejected rows and damaged records (no totals, no empty lines). */
  dataRecords: number;
  totalsDropped: number;
  /** Totals rows of a format that checks them (`checkedMetrics`), read as rows; not counted in totalsDropped. */
  totalRows: ParsedRow[];
  warnings: string[];
  /** What is worth knowing and not wrong (an export that says it has no data). */
  notes: string[];
}

function matchFormat(format: PlatformFormat, headers: string[]) {
  const keys = headers.map(headerKey);
  if (format.signature && !format.signature.some((key) => keys.includes(key))) return null;
  const columns: Partial<Record<Field, number>> = {};
  const fallbacks: Partial<Record<Field, number[]>> = {};
  for (const [field, aliases] of Object.entries(format.columns) as [Field, readonly string[]][]) {
    const found = aliases.map((alias) => keys.indexOf(alias)).filter((index, i, all) => index >= 0 && all.indexOf(index) === i);
    if (found.length === 0) continue;
    columns[field] = found[0];
    if (found.length > 1) fallbacks[field] = found.slice(1);
  }
  const metricColumns: Record<string, number> = {};
  for (const [metric, aliases] of Object.entries(format.metrics ?? {})) {
    const index = aliases.map((a) => keys.indexOf(a)).find((i) => i >= 0);
    if (index !== undefined) metricColumns[metric] = index;
  }
  const complete = format.required.every((group) => group.some((field) => columns[field] !== undefined));
  if (!complete || (format.metrics && Object.keys(metricColumns).length === 0)) return null;
  return { columns, fallbacks, metricColumns, score: Object.keys(columns).length + Object.keys(metricColumns).length };
}

/** Finds the header line and format of a table, or null when no format fits. */
export function recogniseTable(views: readonly TableView[], file: string, formats: readonly PlatformFormat[] = PLATFORM_FORMATS): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  for (const view of views) {
    for (const record of view.head) {
      if (record.cells.filter((c) => c.trim() !== '').length < 2) continue;
      for (const format of formats) {
        const match = matchFormat(format, record.cells);
        if (!match || (best && match.score <= best.score)) continue;
        const context = format.context ? format.context(view.preamble(record.line), view.sheet, file) : {};
        if (context === null) continue;
        best = { format, view, delimiter: view.delimiter, sheet: view.sheet, headerLine: record.line, headers: record.cells, ...match, context };
      }
    }
  }
  return best;
}

/**
 * A report that is only its title lines, without a header (LinkedIn Campaign
 * Manager's download of an empty selection: `Ad Performance Report (in UTC)`,
 * `Report Start: …`, `Report End: …`, `Date Generated: …`): a table of that
 * format with no columns and no rows. Null for anything else.
 */
export function recogniseTitleOnly(decoded: DecodedText): HeaderMatch | null {
  const all = firstLines(decoded.text, HEADER_SEARCH_LINES + 1);
  if (all.length > HEADER_SEARCH_LINES) return null;
  const lines = all.map((l) => l.replace(/^["']|["',;\t]+$/g, '').trim()).filter((l) => l !== '');
  const [title, ...rest] = lines;
  if (!title || !LINKEDIN_REPORT_TITLE.test(title) || !rest.every((l) => /^[^:]{1,40}:\s/.test(l))) return null;
  const view: TableView = { sheet: null, delimiter: null, head: [], preamble: () => lines, rowsAfter: () => ({ records: [], damaged: [], mixedLineEndings: null }) };
  return {
    format: linkedinCampaignManager, view, delimiter: null, sheet: null, headerLine: all.length + 1, headers: [],
    columns: {}, fallbacks: {}, metricColumns: {}, context: {}, score: 0,
  };
}

/** Recognises a decoded CSV text (kept for callers that read one CSV). */
export function recogniseExport(decoded: DecodedText, file: string): HeaderMatch | null {
  return recogniseTable(csvViews(decoded, file), file);
}

/** The required columns of a format as a user reads them. */
export function describeFormat(f: PlatformFormat): string {
  const columns = f.required.map((group) => group.map((field) => f.columns[field]?.[0] ?? field).join(' / '));
  if (f.metrics) columns.push(Object.values(f.metrics).map((aliases) => aliases[0]).join(' / '));
  const signature = f.signature ? `, and one of: ${f.signature.join(', ')}` : '';
  return `  ${f.label}: ${columns.join(', ')}${signature}`;
}

/** A cell that cannot be a column name: a number, a date, a percentage, a null marker. */
const VALUE_LIKE = /^[-+\d\s.,'%€$£¥/:<>]*$/;

/**
 * The header line among the first records of a table: the record with the
 * most cells that read as names rather than values (the first such on a tie),
 * so that a data row whose quoted `"20,287"` holds a comma does not look like
 * the widest line.
 */
export function likelyHeader(records: readonly { line: number; cells: readonly string[] }[]): { line: number; cells: readonly string[] } | null {
  let best: { line: number; cells: readonly string[] } | null = null;
  let bestScore = 0;
  for (const record of records) {
    const score = record.cells.filter((c) => c.trim() !== '' && !VALUE_LIKE.test(c.trim())).length;
    if (score > bestScore) {
      best = record;
      bestScore = score;
    }
  }
  return best;
}

/** The header line of a text no format recognises, as it reads in the file, read with the CSV reader in each delimiter. */
function headerLineOf(decoded: DecodedText): string {
  const lines = firstLines(decoded.text, HEADER_SEARCH_LINES);
  let best: { line: number; cells: readonly string[] } | null = null;
  let bestScore = -1;
  for (const view of csvViews(decoded, '')) {
    const record = likelyHeader(view.head);
    const score = record ? record.cells.filter((c) => c.trim() !== '' && !VALUE_LIKE.test(c.trim())).length : 0;
    if (record && score > bestScore) {
      best = record;
      bestScore = score;
    }
  }
  if (best) return lines[best.line - 1] ?? best.cells.join(',');
  return lines.find((l) => l.trim() !== '') ?? '';
}

/** The message for a file no format recognises: its header line and what is known. */
export function unrecognisedExport(file: string, decoded: DecodedText | readonly CsvRecord[]): Error {
  let header: string;
  if (!Array.isArray(decoded)) header = headerLineOf(decoded as DecodedText);
  else {
    const found = likelyHeader(decoded as readonly CsvRecord[]);
    header = found ? found.cells.join(',') : '';
  }
  const shown = header.length > 300 ? `${header.slice(0, 300)}…` : header;
  return inputError(`${file}: not a recognised export format. Its header line reads: ${JSON.stringify(shown)}`, [
    'Recognised formats and the columns each needs (any one of the names separated by "/"; extra columns are fine):',
    ...PLATFORM_FORMATS.map(describeFormat),
    'Use the generic layout (README) for any other platform, or run with --skip-unknown to leave such files out.',
  ]);
}

// `Total: Campaigns`, `Total: Demand Gen campaigns`, `Gesamt: Kampagnen`,
// French `Total : campagnes`, Microsoft's `Search total`.
const TOTALS = /^(total|gesamt|totale|totaal|summe|totales)\b|\btotal$/i;

// The single cell an export of an empty selection holds instead of rows
// (Meta Ads Manager: `No data available.`, genuine file in ../shared).
const NO_DATA = /^(no data available|no data|keine daten verfügbar|keine daten vorhanden|aucune donnée disponible|no hay datos disponibles|nenhum dado disponível)\.?$/i;

function isNoDataRow(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  return filled.length === 1 && NO_DATA.test(filled[0]!.trim());
}
/**
 * Fields no export holds below zero. Credits for invalid clicks and refunds
 * are billing adjustments, not rows of a performance report (Google Ads Help
 * 15934202: adjustments are "reflected on your Billing summary or
 * Transactions page but not on your Campaign tab"; Meta's refunds are billing
 * transactions too), so a negative one is a damaged or hand-edited file.
 * Followers gained is a net figure (follows less unfollows) and may be
 * negative; conversions and their value may be restated by the platform.
 */
const NON_NEGATIVE: ReadonlySet<Field> = new Set<Field>([
  'spend', 'spend_micros', 'impressions', 'reach', 'clicks', 'link_clicks', 'engagements', 'video_views', 'likes', 'comments', 'shares', 'saves',
  'messaging_conversations', 'new_messaging_contacts',
]);

const KEY_FIELDS: readonly Field[] = ['campaign_id', 'campaign_name', 'date', 'period_start', 'period', 'post_id'];

function isTotalsRow(cells: string[], match: HeaderMatch): boolean {
  const first = cells.find((c) => c.trim() !== '');
  if (!first || !TOTALS.test(first.trim())) return false;
  const firstIndex = cells.indexOf(first);
  return KEY_FIELDS.every((field) => {
    const index = match.columns[field];
    return index === undefined || index === firstIndex || isNullMarker(cells[index]);
  });
}

/** A damaged record's text as it reads in the file, cut for a message. */
function shownCells(cells: readonly string[], delimiter: string | null): string {
  const text = cells.join(delimiter ?? ',');
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

export function columnHeader(match: HeaderMatch, field: Field): string {
  const index = match.columns[field];
  return index === undefined ? field : (match.headers[index] ?? field);
}

/**
 * Parses a recognised table into rows of fields and rejections, in three steps:
 * which records are data rows (not totals, notes or damaged records), the table's
 * layout decided once from all of them (decimal separator, each date column's
 * layout, the spend currency a header names), then each row read in that layout.
 */
export function parseExport(match: HeaderMatch, file: string): ParsedExport {
  const where = match.sheet ? `${file} [${match.sheet}]` : file;
  const table = match.view.rowsAfter(match.headerLine, file, match.headers);
  const records = sortRecords(match, table, where);
  const layout = decideLayout(match, records.data, where);
  const rows: ParsedRow[] = [];
  const rejected: Rejection[] = [...records.damaged];
  for (const record of records.data) {
    const read = readRow(record, match, layout);
    if (read.ok) rows.push(read.row);
    else rejected.push(read.rejection);
  }
  const totalRows: ParsedRow[] = [];
  for (const record of records.totals) {
    // the `Total` label stands in a key column (Content, Date): not a value to read
    const label = record.cells.findIndex((c) => c.trim() !== '');
    const read = readRow({ ...record, cells: record.cells.map((c, i) => (i === label ? '' : c)) }, match, layout);
    if (read.ok) totalRows.push(read.row);
    else rejected.push(read.rejection);
  }
  return {
    match,
    rows,
    rejected,
    damaged: records.damaged,
    dataRecords: records.data.length + records.damaged.length,
    totalsDropped: records.totalsDropped,
    totalRows,
    warnings: [...records.warnings, ...layout.warnings],
    notes: records.notes,
  };
}

/** The records below the header, sorted: data rows, damaged records, totals rows dropped, and what the file says about itself. */
interface SortedRecords {
  data: CsvRecord[];
  damaged: Rejection[];
  totalsDropped: number;
  /** Totals rows kept to be checked (formats with `checkedMetrics`). */
  totals: CsvRecord[];
  warnings: string[];
  notes: string[];
}

function sortRecords(match: HeaderMatch, table: CsvTable, where: string): SortedRecords {
  const warnings: string[] = [];
  const notes: string[] = [];
  const data: CsvRecord[] = [];
  const totals: CsvRecord[] = [];
  let totalsDropped = 0;
  let first = true;
  const damaged: Rejection[] = table.damaged.map((d) => ({
    line: d.line,
    column: null,
    reason: d.lastLine > d.line ? `lines ${d.line}–${d.lastLine}: ${d.reason}` : d.reason,
    value: d.text,
  }));
  const endings = table.mixedLineEndings;
  if (endings) {
    const seen = (['crlf', 'lf', 'cr'] as const).filter((k) => endings[k] > 0).map((k) => `${{ crlf: '\\r\\n', lf: '\\n', cr: '\\r' }[k]} (first on line ${endings[k]})`);
    warnings.push(`${where}: the file mixes line endings, ${seen.join(', ')}: it was edited or joined by hand; rows that do not line up with the header are rejected`);
  }
  if (match.headers.length === 0) notes.push(`${where}: the report has its title lines and no header: an export of an empty selection, no data rows`);
  for (const record of table.records) {
    if (record.cells.every((c) => c.trim() === '')) continue;
    const isFirst = first;
    first = false;
    if (isFirst && isDescriptionRow(record.cells, match.format.descriptionRow)) {
      notes.push(`${where} line ${record.line}: the row under the header describes the columns (${JSON.stringify(shownCells(record.cells.filter((c) => c.trim() !== '').slice(0, 1), null))} …); not a data row`);
      continue;
    }
    if (isTotalsRow(record.cells, match)) {
      if (match.format.checkedMetrics) totals.push(record);
      else totalsDropped++;
    } else if (isNoDataRow(record.cells)) notes.push(`${where} line ${record.line}: the export says ${JSON.stringify(record.cells.find((c) => c.trim() !== '')?.trim())}: it has no data rows`);
    else if (record.misfit) damaged.push({ line: record.line, column: null, reason: record.misfit, value: shownCells(record.cells, match.delimiter) });
    else data.push(record);
  }
  return { data, damaged, totalsDropped, totals, warnings, notes };
}

/** A row whose filled cells are all column descriptions (at least two of them). */
function isDescriptionRow(cells: readonly string[], pattern: RegExp | undefined): boolean {
  if (!pattern) return false;
  const filled = cells.filter((c) => c.trim() !== '');
  return filled.length >= 2 && filled.every((c) => pattern.test(c.trim()));
}

/** How one field's column is read: its kind and layout, decided once for the table. */
interface ColumnReader {
  field: Field;
  primary: number;
  kind: (typeof FIELDS)[Field];
  layout: DateLayout;
  /** What a cell must be, for a rejection's reason. */
  expected: string;
  fallbacks: number[] | null;
  /** Digits before the decimal point beyond which a number is no platform figure. */
  maxDigits: number;
}

/** The layout of one table, decided once from all its data rows; reading a row then only applies it. */
interface TableLayout {
  decimal: DecimalSeparator;
  readers: ColumnReader[];
  /** organic_daily: the metric columns. */
  metricReaders: [string, number][];
  /** The currency the spend column's header names (`Amount spent (EUR)`), for rows without a currency cell. */
  spendCurrency: string | null;
  warnings: string[];
}

/**
 * Decides the decimal separator from every number cell of the table and each date
 * column's layout from all its cells (a column that mixes layouts is read as ISO,
 * with a warning), so one row can never be read differently from the next.
 */
function decideLayout(match: HeaderMatch, data: readonly CsvRecord[], where: string): TableLayout {
  const warnings: string[] = [];
  const numericCells: string[] = [];
  const dateValues = new Map<Field, string[]>();
  const fields = Object.entries(match.columns) as [Field, number][];
  for (const [field, primary] of fields) {
    const kind = FIELDS[field];
    for (const record of data) {
      let index = primary;
      if (isNullMarker(record.cells[index])) index = match.fallbacks[field]?.find((i) => !isNullMarker(record.cells[i])) ?? primary;
      const cell = record.cells[index];
      if (cell === undefined || isNullMarker(cell)) continue;
      if (kind === 'decimal' || kind === 'count') numericCells.push(cell);
      else if (kind === 'date' || kind === 'datetime' || kind === 'daterange') {
        const values = dateValues.get(field) ?? [];
        if (kind === 'daterange') values.push(...(splitDateRange(cell) ?? [cell]));
        else values.push(kind === 'datetime' ? cell.replace(/(?:[T ]|, ?)\d{1,2}:\d{2}.*$/, '') : cell);
        dateValues.set(field, values);
      }
    }
  }
  for (const index of Object.values(match.metricColumns)) {
    for (const record of data) {
      const cell = record.cells[index];
      if (cell !== undefined && !isNullMarker(cell)) numericCells.push(cell);
    }
  }
  const decimal: DecimalSeparator = decideDecimalSeparator(numericCells);
  const layouts = new Map<Field, DateLayout>();
  for (const [field, values] of dateValues) {
    const layout = decideDateLayout(values, match.format.slashDateOrder(headerKey(columnHeader(match, field))));
    if (layout) layouts.set(field, layout);
    else {
      const sample = values.find((v) => parseDate(v, 'iso') === null) ?? values[0];
      warnings.push(`${where}: column "${columnHeader(match, field)}" mixes date layouts (e.g. ${JSON.stringify(sample)}); rows that are not ISO dates are rejected`);
      layouts.set(field, 'iso');
    }
  }

  const readers = fields.map(([field, primary]): ColumnReader => {
    const kind = FIELDS[field];
    const layout = layouts.get(field) ?? 'iso';
    const expected =
      kind === 'date' ? `a date (${layout})`
      : kind === 'datetime' ? `a date and time (${layout})`
      : kind === 'daterange' ? `a date or a date range (${layout})`
      : kind === 'count' ? `a whole number (decimal separator "${decimal}")`
      : kind === 'decimal' ? `a number (decimal separator "${decimal}")`
      : '';
    return { field, primary, kind, layout, expected, fallbacks: match.fallbacks[field] ?? null, maxDigits: kind === 'count' ? 18 : 14 };
  });
  const spendCurrency = match.columns.spend !== undefined ? currencyFromHeader(match.headers[match.columns.spend] ?? '') : null;
  return { decimal, readers, metricReaders: Object.entries(match.metricColumns), spendCurrency, warnings };
}

/** Reads one data row in the table's layout: its fields (and metrics), or the first cell that fails, as a rejection. */
function readRow(record: CsvRecord, match: HeaderMatch, layout: TableLayout): { ok: true; row: ParsedRow } | { ok: false; rejection: Rejection } {
  const { decimal } = layout;
  const cells = record.cells;
  const values: Values = {};
  const row: ParsedRow = { line: record.line, values };
  const reject = (column: string, reason: string, raw: string) => ({ ok: false as const, rejection: { line: record.line, column, reason, value: raw } });
  for (const reader of layout.readers) {
    let index = reader.primary;
    let raw = cells[index];
    let empty = isNullMarker(raw);
    if (empty && reader.fallbacks) {
      for (const i of reader.fallbacks) {
        if (!isNullMarker(cells[i])) {
          index = i;
          raw = cells[i];
          empty = false;
          break;
        }
      }
    }
    if (empty || raw === undefined) {
      values[reader.field] = null;
      continue;
    }
    let value: string | null;
    switch (reader.kind) {
      case 'text':
        values[reader.field] = cleanText(raw);
        continue;
      case 'id':
        values[reader.field] = cleanId(raw);
        continue;
      case 'date':
        value = parseDate(raw, reader.layout);
        if (value && reader.field === 'period_end' && isMidnight(raw)) row.endsAtMidnight = true;
        break;
      case 'datetime':
        value = parseDateTime(raw, reader.layout);
        break;
      case 'daterange': {
        const sides = splitDateRange(raw);
        const start = sides ? parseDate(sides[0], reader.layout) : null;
        const end = sides ? parseDate(sides[1], reader.layout) : null;
        value = start && end ? `${start}..${end}` : null;
        break;
      }
      case 'count':
        value = parseCount(raw, decimal);
        break;
      default:
        value = parseNumber(raw, decimal)?.text ?? null;
    }
    const column = match.headers[index] ?? columnHeader(match, reader.field);
    if (value === null) return reject(column, `expected ${reader.expected}, found ${JSON.stringify(raw)}`, raw);
    if ((reader.kind === 'count' || reader.kind === 'decimal') && value.length > reader.maxDigits && (value.replace(/^-/, '').split('.')[0] ?? '').length > reader.maxDigits) {
      return reject(column, `the number ${JSON.stringify(raw)} is too large to be a platform figure`, raw);
    }
    if (value.startsWith('-') && NON_NEGATIVE.has(reader.field)) {
      return reject(column, `expected ${reader.field === 'spend' || reader.field === 'spend_micros' ? 'spend' : 'a count'} of zero or more, found ${JSON.stringify(raw)}: platform exports hold no credit or refund rows (docs/formats.md)`, raw);
    }
    values[reader.field] = value;
  }
  if (layout.metricReaders.length) {
    row.metrics = {};
    for (const [metric, index] of layout.metricReaders) {
      const raw = cells[index];
      if (raw === undefined || isNullMarker(raw)) {
        row.metrics[metric] = null;
        continue;
      }
      const value = parseNumber(raw, decimal);
      if (!value) return reject(match.headers[index] ?? metric, `expected a number (decimal separator "${decimal}"), found ${JSON.stringify(raw)}`, raw);
      row.metrics[metric] = value.text;
    }
  }
  if (layout.spendCurrency && values.currency == null) values.currency = layout.spendCurrency;
  row.values = match.format.finish ? match.format.finish(values, match.context) : values;
  return { ok: true, row };
}

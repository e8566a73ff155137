// Reads one platform export: recognises its format by its header (below any
// title lines, in whichever delimiter), decides number and date layouts once
// for the file, drops totals rows, and maps every other row to the unified
// daily schema or rejects it with line, column and reason.
import { inputError } from '../errors.ts';
import { readCsv, tryReadCsv, type CsvRecord } from './csv.ts';
import { PLATFORM_FORMATS } from './platforms/index.ts';
import { UNIFIED_FIELDS, type PlatformFormat, type UnifiedField, type UnifiedValues } from './platforms/format.ts';
import type { DecodedText } from './text.ts';
import { firstLines } from './text.ts';
import {
  cleanText,
  currencyFromHeader,
  decideDateLayout,
  decideDecimalSeparator,
  headerKey,
  isNullMarker,
  parseCount,
  parseDate,
  parseNumber,
  type DateLayout,
  type DecimalSeparator,
} from './values.ts';

const HEADER_SEARCH_LINES = 15;
const DELIMITERS = [',', ';', '\t'];

export interface HeaderMatch {
  format: PlatformFormat;
  delimiter: string;
  /** 1-based line of the header within the decoded text. */
  headerLine: number;
  headers: string[];
  /** Column index per unified field. */
  columns: Partial<Record<UnifiedField, number>>;
  score: number;
}

export interface Rejection {
  line: number;
  column: string | null;
  reason: string;
  value: string | null;
}

export interface AdRow {
  line: number;
  values: UnifiedValues;
}

export interface ParsedExport {
  match: HeaderMatch;
  rows: AdRow[];
  rejected: Rejection[];
  totalsDropped: number;
  warnings: string[];
}

function matchFormat(format: PlatformFormat, headers: string[]): Omit<HeaderMatch, 'delimiter' | 'headerLine'> | null {
  const keys = headers.map(headerKey);
  const columns: Partial<Record<UnifiedField, number>> = {};
  for (const [field, aliases] of Object.entries(format.columns) as [UnifiedField, readonly string[]][]) {
    for (const alias of aliases) {
      const index = keys.indexOf(alias);
      if (index >= 0 && !Object.values(columns).includes(index)) {
        columns[field] = index;
        break;
      }
    }
  }
  const complete = format.required.every((group) => group.some((field) => columns[field] !== undefined));
  return complete ? { format, headers, columns, score: Object.keys(columns).length } : null;
}

/** Finds the header line and format of an export, or null when no format fits. */
export function recogniseExport(decoded: DecodedText, file: string): HeaderMatch | null {
  const delimiters = decoded.sepHint ? [decoded.sepHint] : DELIMITERS;
  let best: HeaderMatch | null = null;
  for (const delimiter of delimiters) {
    const records = tryReadCsv(decoded.text, { delimiter, toLine: HEADER_SEARCH_LINES, file });
    for (const record of records) {
      if (record.cells.length < 2) continue;
      for (const format of PLATFORM_FORMATS) {
        const match = matchFormat(format, record.cells);
        if (match && (!best || match.score > best.score)) {
          best = { ...match, delimiter, headerLine: record.line };
        }
      }
    }
  }
  return best;
}

/** The message for a file no format recognises: its header line and what is known. */
export function unrecognisedExport(file: string, decoded: DecodedText): Error {
  const lines = firstLines(decoded.text, HEADER_SEARCH_LINES).filter((l) => l.trim() !== '');
  const header = lines.reduce((a, b) => (b.split(/[,;\t]/).length > a.split(/[,;\t]/).length ? b : a), lines[0] ?? '');
  const shown = header.length > 300 ? `${header.slice(0, 300)}…` : header;
  return inputError(`${file}: not a recognised export format. Its header line reads: ${JSON.stringify(shown)}`, [
    'Recognised formats and the columns each needs (any one of the names separated by "/"; extra columns are fine):',
    ...PLATFORM_FORMATS.map(
      (f) => `  ${f.label}: ${f.required.map((group) => group.map((field) => f.columns[field]?.[0] ?? field).join(' / ')).join(', ')}`,
    ),
  ]);
}

const TOTALS = /^(total|gesamt|totale|totaal|summe)\b|\btotal$/i;

function isTotalsRow(cells: string[], match: HeaderMatch): boolean {
  const first = cells.find((c) => c.trim() !== '');
  if (!first || !TOTALS.test(first.trim())) return false;
  const keyFields: UnifiedField[] = ['campaign_id', 'campaign_name', 'date', 'period_start'];
  const firstIndex = cells.indexOf(first);
  return keyFields.every((field) => {
    const index = match.columns[field];
    return index === undefined || index === firstIndex || isNullMarker(cells[index]);
  });
}

function header(match: HeaderMatch, field: UnifiedField): string {
  const index = match.columns[field];
  return index === undefined ? field : (match.headers[index] ?? field);
}

/** Parses a recognised export into unified rows and rejections. */
export function parseExport(decoded: DecodedText, match: HeaderMatch, file: string): ParsedExport {
  const records = readCsv(decoded.text, {
    delimiter: match.delimiter,
    fromLine: match.headerLine + 1,
    lineOffset: decoded.lineOffset,
    file,
  });
  const warnings: string[] = [];
  let totalsDropped = 0;
  const data: CsvRecord[] = [];
  for (const record of records) {
    if (record.cells.every((c) => c.trim() === '')) continue;
    if (isTotalsRow(record.cells, match)) totalsDropped++;
    else data.push(record);
  }

  const numericCells: string[] = [];
  const dateValues = new Map<UnifiedField, string[]>();
  for (const [field, index] of Object.entries(match.columns) as [UnifiedField, number][]) {
    const kind = UNIFIED_FIELDS[field];
    for (const record of data) {
      const cell = record.cells[index];
      if (cell === undefined || isNullMarker(cell)) continue;
      if (kind === 'decimal' || kind === 'count') numericCells.push(cell);
      else if (kind === 'date') {
        const values = dateValues.get(field) ?? [];
        values.push(cell);
        dateValues.set(field, values);
      }
    }
  }
  const decimal: DecimalSeparator = decideDecimalSeparator(numericCells);
  const layouts = new Map<UnifiedField, DateLayout>();
  for (const [field, values] of dateValues) {
    const layout = decideDateLayout(values, match.format.slashDateOrder(headerKey(header(match, field))));
    if (layout) layouts.set(field, layout);
    else {
      const sample = values.find((v) => parseDate(v, 'iso') === null) ?? values[0];
      warnings.push(`${file}: column "${header(match, field)}" mixes date layouts (e.g. ${JSON.stringify(sample)}); rows that are not ISO dates are rejected`);
      layouts.set(field, 'iso');
    }
  }

  const spendCurrency = match.columns.spend !== undefined ? currencyFromHeader(match.headers[match.columns.spend] ?? '') : null;
  const rows: AdRow[] = [];
  const rejected: Rejection[] = [];
  for (const record of data) {
    const values: UnifiedValues = {};
    let rejection: Rejection | null = null;
    for (const [field, index] of Object.entries(match.columns) as [UnifiedField, number][]) {
      const raw = record.cells[index];
      const kind = UNIFIED_FIELDS[field];
      if (raw === undefined || isNullMarker(raw)) {
        values[field] = null;
        continue;
      }
      let value: string | null;
      let expected: string;
      if (kind === 'text') {
        value = cleanText(raw);
        expected = 'text';
      } else if (kind === 'date') {
        value = parseDate(raw, layouts.get(field) ?? 'iso');
        expected = `a date (${layouts.get(field) ?? 'iso'})`;
      } else if (kind === 'count') {
        value = parseCount(raw, decimal);
        expected = `a whole number (decimal separator "${decimal}")`;
      } else {
        value = parseNumber(raw, decimal)?.text ?? null;
        expected = `a number (decimal separator "${decimal}")`;
      }
      if (value === null && kind !== 'text') {
        rejection = { line: record.line, column: header(match, field), reason: `expected ${expected}, found ${JSON.stringify(raw)}`, value: raw };
        break;
      }
      values[field] = value;
    }
    if (!rejection) rejection = completeRow(values, match, spendCurrency, record.line);
    if (rejection) rejected.push(rejection);
    else rows.push({ line: record.line, values: match.format.finish ? match.format.finish(values) : values });
  }
  return { match, rows, rejected, totalsDropped, warnings };
}

/** Fills the date and currency a row needs, or says why it cannot be loaded. */
function completeRow(values: UnifiedValues, match: HeaderMatch, spendCurrency: string | null, line: number): Rejection | null {
  if (!values.date) {
    const start = values.period_start;
    const end = values.period_end ?? start;
    if (!start) return { line, column: header(match, 'date' in match.columns ? 'date' : 'period_start'), reason: 'the row has no date', value: null };
    if (start !== end) {
      return {
        line,
        column: header(match, 'period_end'),
        reason: `the row covers ${start} to ${end}, not one day; export with a daily breakdown (period rows are not spread over days)`,
        value: `${start}..${end}`,
      };
    }
    values.date = start;
  }
  if (!values.campaign_name && !values.campaign_id) {
    return { line, column: header(match, 'campaign_name'), reason: 'the row names no campaign', value: null };
  }
  if (values.currency && !/^[A-Za-z]{3}$/.test(values.currency)) {
    return { line, column: header(match, 'currency'), reason: `expected a three-letter currency code, found ${JSON.stringify(values.currency)}`, value: values.currency };
  }
  values.currency = values.currency?.toUpperCase() ?? spendCurrency;
  return null;
}

// A table of the report as data: columns with a kind that says how to format them,
// rows with the raw values of the datasets. The page renders it as HTML, the
// download endpoint writes the same rows as CSV, so the two never disagree.

import type { CsvDialect, CsvValue } from './csv.ts';
import { RFC_4180, toCsv } from './csv.ts';
import type { DatasetName } from './data/schemas.ts';
import type { Formatter } from './format.ts';
import { NOT_AVAILABLE } from './format.ts';

export type CellKind =
  | 'text'
  | 'code'
  | 'hash'
  | 'money'
  | 'money0'
  | 'percent'
  | 'percentChange'
  | 'pointsChange'
  | 'ratio'
  | 'ratioChange'
  | 'count'
  | 'number'
  | 'integer'
  | 'month'
  | 'date';

export interface TableColumn {
  /** The column's name in the CSV file (snake_case, as in the datasets). */
  key: string;
  /** The header shown on the page. */
  label: string;
  kind: CellKind;
  /** Negative values in red (ROI and its changes). */
  signed?: boolean;
  /** In the CSV file only (keys that the page shows as names). */
  csvOnly?: boolean;
  /**
   * The figure's bootstrap interval: the cells holding its ends. The page writes "low – high"
   * under the value; the downloads carry both as numbers, in columns of their own right after it.
   */
  interval?: ColumnInterval;
}

export interface ColumnInterval {
  /** Cell keys of the ends, e.g. roi_low and roi_high: also the download columns' names. */
  low: string;
  high: string;
  /** The headers of the two download columns in the workbook. */
  lowLabel: string;
  highLabel: string;
  /** A missing high end with a low end means no upper bound (CPA when conversions may be 0): these words, given the low end. */
  openHigh?: (low: string) => string;
}

export type CellValue = CsvValue;

export interface TableRow {
  /** What the row is about (a campaign key), as data-key on the row. */
  key?: string;
  /** Raw values by column key; these go to the CSV file. */
  cells: Readonly<Record<string, CellValue>>;
  /** Words shown instead of the raw value (a model's or a channel's name); the CSV keeps the raw value. */
  display?: Readonly<Record<string, string>>;
  /** A link for the first cell, as a path from the site root. */
  href?: string | null;
  /** A channel colour shown beside the cell of this column key. */
  swatch?: { column: string; color: string } | null;
  /** Rows apart from the rest (unmapped, unattributed, totals). */
  special?: boolean;
  /** A second, smaller line under a cell's text, by column key (a warning such as "too few conversions to judge"). */
  sub?: Readonly<Record<string, string>>;
}

export interface TableModel {
  /** Unique on its page; also the CSV file's name. */
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** The CSV file, as a path from the site root. */
  csv: string;
  /** The datasets (or, for declared charts, marts) the rows come from, for their Arrow files. */
  datasets: (DatasetName | (string & {}))[];
  /** Notes under the table. */
  notes?: string[];
  /** What the page says when the table has no row (default: no data). */
  empty?: string;
  /** At most this many rows on the page; the CSV file has all. */
  limit?: number;
  /**
   * A file for programs rather than spreadsheets (the media-mix export, read by Python and
   * R): plain RFC 4180 (`,` and a decimal point) without a byte-order mark, in any locale.
   */
  plain?: boolean;
}

/** A cell as text for the page. */
export function formatCell(kind: CellKind, value: CellValue, fmt: Formatter): string {
  if (value === null) return NOT_AVAILABLE;
  if (typeof value === 'boolean') return value ? '✓' : '–';
  if (typeof value === 'string') {
    if (kind === 'month') return fmt.month(value);
    if (kind === 'date') return fmt.date(value);
    return value;
  }
  switch (kind) {
    case 'money':
      return fmt.money(value, 2);
    case 'money0':
      return fmt.money(value, 0);
    case 'percent':
      return fmt.percent(value, 1);
    case 'percentChange':
      return fmt.percentChange(value);
    case 'pointsChange':
      return fmt.pointsChange(value);
    case 'ratio':
      return fmt.ratio(value);
    case 'ratioChange':
      return fmt.ratioChange(value);
    case 'number':
      return fmt.number(value);
    case 'count':
      return fmt.count(value);
    case 'integer':
      return fmt.integer(value);
    default:
      return String(value);
  }
}

/** No-break space before the dash: a narrow cell breaks after it, never before. */
const RANGE_DASH = '\u00a0– ';

/**
 * An interval as the page writes it, "low – high" in the column's format (percentages whole:
 * "-69 % – -42 %"); null when the row has no interval for the column.
 */
export function intervalText(column: TableColumn, row: TableRow, fmt: Formatter): string | null {
  const interval = column.interval;
  if (!interval) return null;
  const low = row.cells[interval.low] ?? null;
  const high = row.cells[interval.high] ?? null;
  if (typeof low !== 'number') return null;
  const text = (value: number) => (column.kind === 'percent' ? fmt.percent(value, 0) : formatCell(column.kind, value, fmt));
  if (typeof high !== 'number') return interval.openHigh ? interval.openHigh(text(low)) : null;
  return `${text(low)}${RANGE_DASH}${text(high)}`;
}

/**
 * The columns of the downloads: each column, and after a column with an interval its low and
 * high ends as numbers of the same kind.
 */
export function fileColumns(table: TableModel): TableColumn[] {
  return table.columns.flatMap((c) =>
    c.interval
      ? [
          c,
          { key: c.interval.low, label: c.interval.lowLabel, kind: c.kind, csvOnly: true },
          { key: c.interval.high, label: c.interval.highLabel, kind: c.kind, csvOnly: true },
        ]
      : [c],
  );
}

/** Whether a column holds numbers (right-aligned). */
export function isNumeric(kind: CellKind): boolean {
  return kind !== 'text' && kind !== 'code' && kind !== 'hash' && kind !== 'month' && kind !== 'date';
}

/**
 * The Excel workbook of the table's page, beside its CSV files: one per page, a sheet per
 * table, named by the page's folder (`2026-10/channels/2026-10-channels.xlsx`,
 * `campaigns/meta-x/campaigns-meta-x.xlsx`), so that a reader's downloads folder tells
 * the files apart.
 */
export function workbookPath(table: TableModel): string {
  const folder = table.csv.split('/').slice(0, -1);
  return [...folder, `${folder.join('-') || 'report'}.xlsx`].join('/');
}

/**
 * Decimal places a download keeps, by kind: cents for money; fractions to a hundredth of a
 * percent (0.1234 is 12.34 %); ratios as the page shows them; attributed conversions, which
 * are fractions of orders, to a hundredth. The page rounds further for reading.
 */
const FILE_DIGITS: Partial<Record<CellKind, number>> = {
  money: 2,
  money0: 2,
  percent: 4,
  percentChange: 4,
  pointsChange: 4,
  ratio: 2,
  ratioChange: 2,
  count: 2,
  number: 2,
  integer: 0,
};

/** A cell's value as the downloads hold it: numbers rounded by the column's kind (half away from zero), the rest as it is. */
export function fileValue(kind: CellKind, value: CellValue): CellValue {
  const digits = FILE_DIGITS[kind];
  if (typeof value !== 'number' || digits === undefined || !Number.isFinite(value)) return value;
  const scale = 10 ** digits;
  // toPrecision(15) first: 1.005 is 1.00499999999999989... in binary, and rounds as written
  const rounded = Math.sign(value) * Math.round(Number((Math.abs(value) * scale).toPrecision(15))) / scale;
  return rounded === 0 ? 0 : rounded;
}

/** The table as a CSV file in the dialect of the report's locale (a `plain` table: RFC 4180, no byte-order mark): its column keys, then every row's values, rounded by kind. */
export function tableCsv(table: TableModel, dialect: CsvDialect = RFC_4180): string {
  const columns = fileColumns(table);
  return toCsv(
    columns.map((c) => c.key),
    table.rows.map((row) => columns.map((c) => fileValue(c.kind, row.cells[c.key] ?? null))),
    table.plain ? RFC_4180 : dialect,
    { byteOrderMark: !table.plain },
  );
}

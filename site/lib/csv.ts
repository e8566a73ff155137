// CSV for every table of the report, as a spreadsheet in the report's locale opens it
// with a double click: a byte-order mark (without it Excel reads UTF-8 as its own
// code page), the locale's list separator and decimal mark (German Excel splits at
// `;` and reads `1,5` as a number; with `,` it shows every line in one column), CRLF
// line ends and double quotes (RFC 4180). Values are the datasets' raw values, rounded
// by the table (table.ts, `fileValue`); months and dates stay YYYY-MM and YYYY-MM-DD,
// keys stay as they are in the data.
//
// A spreadsheet runs a cell that begins with =, +, -, @ (or a tab or carriage return)
// as a formula. Text cells that begin so are prefixed with a single quote, which
// spreadsheets show as text; numbers are written as numbers and need no guard.

export type CsvValue = string | number | boolean | null;

export interface CsvDialect {
  /** Between cells: `,`, or `;` where the decimal mark is a comma. */
  separator: ',' | ';';
  /** The decimal mark of numbers. */
  decimal: '.' | ',';
}

/** Plain RFC 4180: comma and decimal point. */
export const RFC_4180: CsvDialect = { separator: ',', decimal: '.' };

const FORMULA_START = /^[=+\-@\t\r]/;
const BYTE_ORDER_MARK = '\uFEFF';

/** The dialect a spreadsheet in this locale expects: Excel's list separator is `;` wherever the decimal mark is `,`. */
export function csvDialect(intlLocale: string): CsvDialect {
  let dialect = DIALECTS.get(intlLocale);
  if (!dialect) {
    const decimal = new Intl.NumberFormat(intlLocale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
    dialect = decimal === ',' ? { separator: ';', decimal: ',' } : RFC_4180;
    DIALECTS.set(intlLocale, dialect);
  }
  return dialect;
}

/** Asked once per CSV file: making a number format each time cost the 500-campaign build 0.3 s. */
const DIALECTS = new Map<string, CsvDialect>();

/** A number as the dialect writes it: no grouping, its decimal mark, never an exponent for the values a report holds. */
function csvNumber(value: number, dialect: CsvDialect): string {
  if (!Number.isFinite(value)) return '';
  const text = Math.abs(value) >= 1e21 || (value !== 0 && Math.abs(value) < 1e-6) ? value.toFixed(12).replace(/\.?0+$/, '') : String(value);
  return dialect.decimal === '.' ? text : text.replace('.', dialect.decimal);
}

/** One cell: formula guard for text, then quoting where the cell needs it. */
export function csvCell(value: CsvValue, dialect: CsvDialect = RFC_4180): string {
  if (value === null) return '';
  let text: string;
  if (typeof value === 'number') text = csvNumber(value, dialect);
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  const needsQuotes = text.includes(dialect.separator) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: the byte-order mark (unless left out, for programs), a header line of column names, then one line per row. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  dialect: CsvDialect = RFC_4180,
  options: { byteOrderMark?: boolean } = {},
): string {
  const lines = [header, ...rows].map((cells) => cells.map((c) => csvCell(c, dialect)).join(dialect.separator));
  return (options.byteOrderMark === false ? '' : BYTE_ORDER_MARK) + lines.join('\r\n') + '\r\n';
}

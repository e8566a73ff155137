// CSV for every table of the report (RFC 4180: comma, CRLF, double quotes), with the
// raw values of the datasets: numbers as plain decimals with a point, months and dates
// as YYYY-MM and YYYY-MM-DD, keys as they are in the data.
//
// A spreadsheet runs a cell that begins with =, +, -, @ (or a tab or carriage return)
// as a formula. Text cells that begin so are prefixed with a single quote, which
// spreadsheets show as text; numbers are written as numbers and need no guard.

export type CsvValue = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula guard for text, then quoting where the cell needs it. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: a header line of column names, then one line per row. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((cells) => cells.map((c) => csvCell(c)).join(',')).join('\r\n') + '\r\n';
}

// Every page's tables as one Excel workbook beside their CSV files, a sheet per table:
// numbers as numbers and dates as dates (Excel sorts, sums and filters them without a
// conversion step), each column with a number format for its kind, headed by the labels
// the page shows, and the column keys of the CSV file in a second header row so that a
// formula or a script can name them. The values are the CSV file's (table.ts,
// `fileValue`), so the two downloads never disagree. Written by write-excel-file
// (maintained, one dependency, fflate).
// One workbook per page, not per table: the writer deflates every part of a workbook
// anew (about ten per file), and in the site build's large heap that costs ~10 ms a
// file; a workbook per table made the scale-100 build 32 s longer (2,859 files).
import writeXlsxFile from 'write-excel-file/node';
import type { Cell, SheetData } from 'write-excel-file/node';
import type { Locale } from './i18n.ts';
import type { CellKind, TableModel } from './table.ts';
import { fileColumns, fileValue } from './table.ts';

/**
 * Excel number formats by kind. Format codes are stored in Excel's own (English)
 * notation and shown in the reader's locale: `#,##0.00` is 1.234,56 in a German Excel.
 */
const NUMBER_FORMAT: Partial<Record<CellKind, string>> = {
  money: '#,##0.00',
  money0: '#,##0',
  percent: '0.0%',
  percentChange: '+0.0%;-0.0%;0.0%',
  pointsChange: '+0.0000;-0.0000;0.0000',
  ratio: '0.00',
  ratioChange: '+0.00;-0.00;0.00',
  count: '#,##0.0',
  number: '#,##0.00',
  integer: '#,##0',
};

/** Date formats as the locale writes them. */
const DATE_FORMAT: Record<Locale, { date: string; month: string }> = {
  de: { date: 'dd.mm.yyyy', month: 'mmm yyyy' },
  en: { date: 'd mmm yyyy', month: 'mmm yyyy' },
  fr: { date: 'dd/mm/yyyy', month: 'mmm yyyy' },
};

/** A YYYY-MM or YYYY-MM-DD text as the date Excel shows (midnight UTC, which the writer stores as that day). */
function excelDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? 1))) : null;
}

function cell(kind: CellKind, raw: string | number | boolean | null, locale: Locale): Cell {
  const value = fileValue(kind, raw);
  if (value === null) return null;
  if (typeof value === 'number') {
    const format = NUMBER_FORMAT[kind];
    return format ? { value, type: Number, format } : { value, type: Number };
  }
  if (typeof value === 'boolean') return { value, type: Boolean };
  if (kind === 'date' || kind === 'month') {
    const date = excelDate(value);
    if (date) return { value: date, type: Date, format: DATE_FORMAT[locale][kind] };
  }
  return { value, type: String };
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ , unique within the workbook (case aside). */
function sheetNames(tables: readonly TableModel[]): string[] {
  const used = new Set<string>();
  return tables.map((table) => {
    const base = table.id.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'table';
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1).replace(/-+$/, '')}-${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** The table's rows as sheet data: the labels, the column keys, then one row per table row. */
export function tableSheet(table: TableModel, locale: Locale): SheetData {
  // soft hyphens break long labels on the page; a spreadsheet would show them
  const columns = fileColumns(table);
  const header: Cell[] = columns.map((c) => ({ value: c.label.replaceAll('\u00ad', ''), type: String, fontWeight: 'bold' }));
  const keys: Cell[] = columns.map((c) => ({ value: c.key, type: String, textColor: '#555555' }));
  const rows = table.rows.map((row) => columns.map((c) => cell(c.kind, row.cells[c.key] ?? null, locale)));
  return [header, keys, ...rows];
}

/**
 * The writer stamps every entry of the workbook (a zip archive) with the time it was
 * written; the same report must give the same bytes (a rebuild changes no file), so each
 * entry's time and date fields are set to the zip format's first moment (1980-01-01
 * 00:00, DOS date 0x0021, time 0), as reproducible builds do. In place: the fields lie at
 * fixed offsets of each local and central directory header, and no checksum covers them
 * (unzipping and zipping again would deflate every file a second time, which at 2,800
 * workbooks costs the build seconds).
 */
export function restampZip<T extends Uint8Array>(zip: T): T {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // the end of central directory record: its signature, searched from the end (a comment may follow it)
  let end = zip.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('xlsx: the writer made no zip archive (no end of central directory)');
  const entries = view.getUint16(end + 10, true);
  let central = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(central, true) !== 0x02014b50) throw new Error(`xlsx: zip central directory entry ${i} not where its predecessor says`);
    view.setUint16(central + 12, 0, true);
    view.setUint16(central + 14, 0x0021, true);
    const local = view.getUint32(central + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`xlsx: zip local header ${i} not where the central directory says`);
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, 0x0021, true);
    central += 46 + view.getUint16(central + 28, true) + view.getUint16(central + 30, true) + view.getUint16(central + 32, true);
  }
  return zip;
}

function columnWidths(table: TableModel): { width: number }[] {
  return fileColumns(table).map((c) => ({
    width: Math.min(60, Math.max(10, c.label.length + 2, c.key.length + 2, ...table.rows.slice(0, 200).map((r) => String(r.cells[c.key] ?? '').length + 2))),
  }));
}

/** A page's tables as one .xlsx file, a sheet per table in the page's order. */
export async function tablesXlsx(tables: readonly TableModel[], locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
  const names = sheetNames(tables);
  const sheets = tables.map((table, i) => ({
    data: tableSheet(table, locale),
    sheet: names[i],
    columns: columnWidths(table),
    stickyRowsCount: 2,
  }));
  const buffer = await writeXlsxFile(sheets).toBuffer();
  const bytes = new Uint8Array(buffer.byteLength);
  bytes.set(buffer);
  return restampZip(bytes);
}

// Every page's tables as one Excel workbook beside their CSV files, a sheet per table:
// numbers as numbers and dates as dates (Excel sorts, sums and filters them without a
// conversion step), each column with a number format for its kind, headed by the labels
// the page shows, and the column keys of the CSV file in a second header row so that a
// formula or a script can name them. The values are the CSV file's (table.ts,
// `fileValue`), so the two downloads never disagree. Written by write-excel-file
// (maintained, one dependency, fflate), in a worker thread of its own (xlsx-workbook.ts
// says why).
// One workbook per page, not per table: the writer deflates every part of a workbook
// anew (about ten per file), and in the site build's large heap that costs ~10 ms a
// file; a workbook per table made the scale-100 build 32 s longer (2,859 files).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Cell, SheetData } from 'write-excel-file/node';
import type { Locale } from './i18n.ts';
import type { CellKind, TableModel } from './table.ts';
import { fileColumns, fileValue } from './table.ts';
import { postedSheets, writeWorkbook, type WorkbookSheet } from './xlsx-workbook.ts';

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

function columnWidths(table: TableModel): { width: number }[] {
  return fileColumns(table).map((c) => ({
    width: Math.min(60, Math.max(10, c.label.length + 2, c.key.length + 2, ...table.rows.slice(0, 200).map((r) => String(r.cells[c.key] ?? '').length + 2))),
  }));
}

/**
 * The worker's file. In the site build this module is bundled into a chunk elsewhere, so
 * astro.config.mjs names the file (REPORT_XLSX_WORKER); read from source (the tests), it
 * lies beside this one.
 */
export function workerFile(): string | null {
  const file = process.env.REPORT_XLSX_WORKER || fileURLToPath(new URL('./xlsx-worker.ts', import.meta.url));
  return existsSync(file) ? file : null;
}

/**
 * One worker for the process, started at the first workbook. It keeps the process
 * alive only while a workbook is being written, so the build ends when its pages do.
 */
export class WorkbookWriter {
  private worker: Worker | null = null;
  private next = 0;
  private readonly pending = new Map<number, { done: (bytes: Uint8Array<ArrayBuffer>) => void; fail: (error: Error) => void }>();
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  write(sheets: readonly WorkbookSheet[]): Promise<Uint8Array<ArrayBuffer>> {
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    return new Promise((done, fail) => {
      this.pending.set(id, { done, fail });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, sheets: postedSheets(sheets) });
    });
  }

  private start(): Worker {
    const worker = new Worker(this.file);
    worker.unref();
    worker.on('message', (reply: { id: number; bytes?: Uint8Array<ArrayBuffer>; error?: string }) => {
      const request = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.bytes) request?.done(new Uint8Array(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
      else request?.fail(new Error(`xlsx: ${reply.error ?? 'the workbook writer answered without a workbook'}`));
    });
    const stop = (error: Error) => {
      // a worker that died fails what it was writing; the next workbook starts another
      if (this.worker === worker) this.worker = null;
      for (const request of this.pending.values()) request.fail(error);
      this.pending.clear();
    };
    worker.on('error', (error) => stop(error));
    worker.on('exit', (code) => stop(new Error(`xlsx: the workbook writer thread stopped (exit code ${code})`)));
    return worker;
  }
}

let writer: WorkbookWriter | null | undefined;

/** A page's tables as one .xlsx file, a sheet per table in the page's order. */
export async function tablesXlsx(tables: readonly TableModel[], locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
  const names = sheetNames(tables);
  const sheets: WorkbookSheet[] = tables.map((table, i) => ({
    data: tableSheet(table, locale),
    sheet: names[i]!,
    columns: columnWidths(table),
    stickyRowsCount: 2,
  }));
  if (writer === undefined) {
    const file = workerFile();
    writer = file ? new WorkbookWriter(file) : null;
  }
  return writer ? writer.write(sheets) : writeWorkbook(sheets);
}

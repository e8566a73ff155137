// Writing a workbook's bytes from its sheets, in a worker thread of the site build
// (xlsx-worker.ts) or, where no worker can be started, in the calling thread.
// Kept free of the site's other modules so that the worker loads nothing else.
//
// Why a worker: write-excel-file deflates every part of a workbook with fflate, which
// allocates its buffers afresh for each part. In the site build's large heap (the
// report's data, the rendered pages) those allocations set off a full garbage
// collection every few workbooks: 41 ms a workbook in the build against 7 ms in a
// small process. The 500-campaign site (test/site-scale.test.ts) spent 20.7 s of its
// 45 s build on campaign workbooks. A worker has a heap of its own, kept small.
import writeXlsxFile from 'write-excel-file/node';
import type { Cell, SheetData } from 'write-excel-file/node';

/** A sheet as write-excel-file takes it. */
export interface WorkbookSheet {
  data: SheetData;
  sheet: string;
  columns: { width: number }[];
  stickyRowsCount: number;
}

/** The cell types write-excel-file names by their constructors, by name (a constructor cannot be posted to a worker). */
const TYPES = { String, Number, Boolean, Date } as const;
type TypeName = keyof typeof TYPES;

type PostedCell = null | (Record<string, unknown> & { type?: TypeName });
export interface PostedSheet extends Omit<WorkbookSheet, 'data'> {
  data: PostedCell[][];
}

function typeName(cell: { type?: unknown; value?: unknown }): TypeName | undefined {
  const type = cell.type;
  if (type === undefined) return undefined;
  if (typeof type === 'function' && Object.hasOwn(TYPES, type.name)) return type.name as TypeName;
  // a test's fake clock replaces the global Date by a function of another name; its dates are still dates
  if (typeof type === 'function' && Object.prototype.toString.call(cell.value) === '[object Date]') return 'Date';
  throw new Error(`xlsx: a cell of a type the workbook writer is not given: ${String(type)}`);
}

/** The sheets as a message for the worker: every cell's type by name. */
export function postedSheets(sheets: readonly WorkbookSheet[]): PostedSheet[] {
  return sheets.map((sheet) => ({
    ...sheet,
    data: sheet.data.map((row) => row.map((cell) => (cell === null || cell === undefined ? null : { ...(cell as object), type: typeName(cell as { type?: unknown; value?: unknown }) }))),
  }));
}

function receivedSheets(sheets: readonly PostedSheet[]): WorkbookSheet[] {
  return sheets.map((sheet) => ({
    ...sheet,
    data: sheet.data.map((row) => row.map((cell) => (cell === null ? null : ({ ...cell, type: cell.type === undefined ? undefined : TYPES[cell.type] } as Cell)))),
  }));
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

/** The workbook's bytes, in this thread. */
export async function writeWorkbook(sheets: readonly WorkbookSheet[]): Promise<Uint8Array<ArrayBuffer>> {
  const buffer = await writeXlsxFile(sheets as WorkbookSheet[]).toBuffer();
  const bytes = new Uint8Array(buffer.byteLength);
  bytes.set(buffer);
  return restampZip(bytes);
}

/** The workbook's bytes from sheets posted by another thread. */
export function writePostedWorkbook(sheets: readonly PostedSheet[]): Promise<Uint8Array<ArrayBuffer>> {
  return writeWorkbook(receivedSheets(sheets));
}

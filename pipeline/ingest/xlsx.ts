// Excel workbooks (.xlsx), which most platforms offer as their default export,
// read with read-excel-file: every sheet becomes rows of text cells, numbered
// as Excel numbers them, so messages name the row a user sees. Numbers keep
// their stored digits (no binary rounding); date cells become ISO dates.
import { createInflateRaw } from 'node:zlib';
import readXlsxFile from 'read-excel-file/node';
import { inputError } from '../errors.ts';
import type { CsvRecord } from './csv.ts';

/**
 * The most a workbook may unpack to (all its zip entries together): 100 MiB.
 * read-excel-file holds a sheet's XML as a document tree, about 12 times the
 * XML's size in memory (measured: 35 MB of sheet XML, 100,000 rows of 12
 * columns, took 430 MB); a 2 MB download that unpacks to gigabytes would take
 * the machine's memory. 100 MiB is some 280,000 such rows; a bigger export
 * belongs in CSV, which is read without this cost.
 */
export const MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  /** The size the central directory declares. */
  size: number;
  localOffset: number;
}

/** The entries of a zip's central directory (zip64 too), or null when it has none that can be read. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const record = Number(view.getBigUint64(eocd - 12, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== 0x06064b50) return null;
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let compressed = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    let localOffset = view.getUint32(at + 42, true);
    // zip64: the sizes that do not fit 32 bits are in extra field 0x0001, in this order.
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = view.getUint16(e, true);
      const length = view.getUint16(e + 2, true);
      if (id === 1) {
        let f = e + 4;
        const next = () => {
          const value = f + 8 <= e + 4 + length ? Number(view.getBigUint64(f, true)) : 0;
          f += 8;
          return value;
        };
        if (size === 0xffffffff) size = next();
        if (compressed === 0xffffffff) compressed = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + length;
    }
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, method: view.getUint16(at + 10, true), compressed, size, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Bytes an entry really inflates to, counted without keeping them, up to just over `cap`. */
function inflatedSize(data: Uint8Array, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let n = 0;
    inflate.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > cap) {
        inflate.destroy();
        resolve(n);
      }
    });
    inflate.on('end', () => resolve(n));
    inflate.on('error', reject);
    inflate.end(data);
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * Refuses a workbook that would unpack beyond MAX_XLSX_UNPACKED_BYTES, by the
 * sizes its central directory declares and then by inflating each entry
 * without keeping it (a zip may declare less than it holds).
 */
export async function checkUnpackedSize(bytes: Uint8Array, file: string, limit = MAX_XLSX_UNPACKED_BYTES): Promise<void> {
  const entries = zipEntries(bytes);
  if (!entries) throw inputError(`${file}: not a readable Excel workbook (its zip directory is missing or damaged); download it again, or export CSV`);
  const refuse = (total: number, largest: ZipEntry, largestSize: number) =>
    inputError(`${file}: the workbook unpacks to more than ${mb(limit)} (at least ${mb(total)}; ${largest.name} alone ${mb(largestSize)}), the limit for an xlsx export`, [
      `A workbook takes about 12 times its unpacked size in memory while it is read; export this report as CSV (read without that cost), or download it in parts (by month).`,
    ]);
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limit) {
    const largest = entries.reduce((a, b) => (b.size > a.size ? b : a));
    throw refuse(declared, largest, largest.size);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of entries) {
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
      throw inputError(`${file}: not a readable Excel workbook (zip entry ${entry.name} is damaged); download it again, or export CSV`);
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + entry.compressed);
    let size: number;
    if (entry.method === 0) size = data.length;
    else if (entry.method === 8) {
      try {
        size = await inflatedSize(data, limit - total);
      } catch (error) {
        throw inputError(`${file}: not a readable Excel workbook (zip entry ${entry.name}: ${(error as Error).message}); download it again, or export CSV`);
      }
    } else continue;
    total += size;
    if (total > limit) throw refuse(total, entry, size);
  }
}

export interface SheetRows {
  name: string;
  /** Non-empty rows; `line` is the Excel row number. */
  rows: CsvRecord[];
}

/** Excel stores doubles: `132.30000000000001` is 132.3 written with 17 digits. */
function numberText(text: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(text) || text.replace(/[-.]/g, '').replace(/^0+/, '').length > 15) {
    const n = Number(text);
    if (Number.isFinite(n)) return String(Number(n.toPrecision(15)));
  }
  return text;
}

/** A numeric cell's stored text, told apart from a text cell that holds digits (a post ID). */
class StoredNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof StoredNumber) return numberText(cell.text);
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return numberText(String(cell));
  return String(cell);
}

export async function readWorkbook(bytes: Uint8Array, file: string): Promise<SheetRows[]> {
  await checkUnpackedSize(bytes, file);
  let sheets;
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      parseNumber: (text: string) => new StoredNumber(text),
      trim: false,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw inputError(`${file}: not a readable Excel workbook (${reason}); if it is a zip archive, unpack it into the folder instead`);
  }
  return sheets.map((sheet) => ({
    name: sheet.sheet,
    rows: sheet.data
      .map((row, index) => ({
        line: index + 1,
        cells: row.map(cellText),
      }))
      .filter((row) => row.cells.some((cell) => cell.trim() !== '')),
  }));
}

/** An Excel 97–2003 workbook (OLE2 compound file), which needs converting first. */
export function isLegacyExcel(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

// Excel workbooks (.xlsx), which most platforms offer as their default export,
// read with read-excel-file: every sheet becomes rows of text cells, numbered
// as Excel numbers them, so messages name the row a user sees. Numbers keep
// their stored digits (no binary rounding); date cells become ISO dates.
import readXlsxFile from 'read-excel-file/node';
import { inputError } from '../errors.ts';
import type { CsvRecord } from './csv.ts';

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

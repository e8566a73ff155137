// CSV records with the line each came from, for messages that name the line.
import { parse } from 'csv-parse/sync';
import { inputError } from '../errors.ts';

export interface CsvRecord {
  /** Line in the file (1-based) where the record ends; the line itself for one-line records. */
  line: number;
  cells: string[];
}

export interface ReadCsvOptions {
  delimiter: string;
  /** 1-based line of the text to start at (the header). */
  fromLine?: number;
  /** Lines that were removed from the top of the text before parsing (a `sep=` line). */
  lineOffset?: number;
  /** Stop after this many lines (for sniffing). */
  toLine?: number;
  /** File name for error messages. */
  file: string;
}

export function readCsv(text: string, options: ReadCsvOptions): CsvRecord[] {
  const offset = options.lineOffset ?? 0;
  try {
    const parsed = parse(text, {
      delimiter: options.delimiter,
      from_line: options.fromLine ?? 1,
      to_line: options.toLine ?? -1,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return parsed.map(({ record, info }) => ({ line: info.lines + offset, cells: record }));
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string };
    if (e.code?.startsWith('CSV_')) {
      const line = e.lines !== undefined ? ` line ${e.lines + offset}` : '';
      throw inputError(`${options.file}${line}: the file is not valid CSV (${e.message.replace(/^[^:]+: /, '')})`);
    }
    throw error;
  }
}

/** Like readCsv for sniffing: never throws, returns what parses. */
export function tryReadCsv(text: string, options: ReadCsvOptions): CsvRecord[] {
  try {
    return readCsv(text, options);
  } catch {
    return [];
  }
}

// Streaming file writer: rows are collected into chunks and written with back-pressure,
// so a large --scale never holds a whole file in memory.

import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';

export interface SinkOptions {
  encoding: 'utf8' | 'utf16le';
  bom: boolean;
  delimiter: ',' | '\t';
  eol: '\n' | '\r\n';
}

export interface FileSummary {
  /** path relative to the output folder, with `/` */
  file: string;
  rows: number;
  bytes: number;
  /** set when the file lies after the --as-of cut and was not written */
  discarded?: true;
}

// ---------------------------------------------------------------- --as-of

/**
 * The last day (day number) the data folder is written up to (`--as-of YYYY-MM`: the
 * last day of that month), or null for the whole range. Writers compute every row and
 * draw every random number as without it; they only leave out what lies after the cut,
 * so the rows that are written are the same rows as the full generation's.
 */
let CUT: number | null = null;

export function setCut(lastDay: number | null): void {
  CUT = lastDay;
}

export function cutDay(): number | null {
  return CUT;
}

/** Whether a day is in the folder (before or on the cut). */
export function inCut(day: number): boolean {
  return CUT === null || day <= CUT;
}

/** The end of a range as the cut leaves it. */
export function cutEnd(end: number): number {
  return CUT === null ? end : Math.min(end, CUT);
}

const CHUNK_BYTES = 1 << 20;

export function csvField(value: string, delimiter: string, force = false): string {
  if (force || value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

export class FileSink {
  readonly file: string;
  /** data rows written through `row` (header and other lines through `line` are not counted) */
  rows = 0;
  private readonly stream: WriteStream;
  private readonly options: SinkOptions;
  /** the encoded text collected since the last write */
  private chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private bytes = 0;
  /** A file after the cut: nothing is written and no file is made. */
  readonly discarded: boolean;
  /** While set, lines are left out (rows after the cut in a file that is written); the tee still gets them. */
  muted = false;
  /** A second sink that gets every line, muted or not (the full file beside a cut one). */
  tee: FileSink | null = null;

  /** `from`: the first day the file covers; a file that begins after the --as-of cut is discarded. */
  constructor(path: string, file: string, options: SinkOptions, from?: number) {
    this.file = file;
    this.options = options;
    this.discarded = from !== undefined && !inCut(from);
    this.stream = this.discarded ? (null as unknown as WriteStream) : createWriteStream(path);
    if (options.bom && !this.discarded) this.push(options.encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf]));
  }

  /** Mutes the lines that follow when `day` lies after the --as-of cut. */
  at(day: number): this {
    this.muted = !inCut(day);
    return this;
  }

  /** A line given as cells; quoted only where needed. */
  line(cells: readonly string[]): void {
    this.tee?.line(cells);
    if (this.muted || this.discarded) return;
    const d = this.options.delimiter;
    this.text(cells.map((c) => csvField(c, d)).join(d) + this.options.eol);
  }

  row(cells: readonly string[]): void {
    if (this.tee) this.tee.rows++;
    if (!this.muted && !this.discarded) this.rows++;
    this.line(cells);
  }

  /** A line written as it is, plus the line end. */
  rawLine(text: string, isRow = false): void {
    this.tee?.rawLine(text, isRow);
    if (this.muted || this.discarded) return;
    if (isRow) this.rows++;
    this.text(text + this.options.eol);
  }

  /** Encodes text straight into the chunk (at most 3 bytes per UTF-16 unit in UTF-8, 2 in UTF-16). */
  private text(text: string): void {
    const most = text.length * 3;
    if (this.used + most > this.chunk.length) {
      this.handOver();
      if (most > this.chunk.length) this.chunk = Buffer.allocUnsafe(most);
    }
    this.used += this.chunk.write(text, this.used, this.options.encoding);
  }

  /** Gives the collected bytes to the stream (which keeps the buffer) and starts a new chunk. */
  private handOver(): boolean {
    if (this.used === 0) return true;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, this.chunk.length));
    this.used = 0;
    return this.push(full);
  }

  private push(buffer: Buffer): boolean {
    this.bytes += buffer.length;
    return this.stream.write(buffer);
  }

  /** Writes what is collected once it is large enough; waits while the stream is full. */
  async drain(force = false): Promise<void> {
    if (this.tee) await this.tee.drain(force);
    if (this.used === 0 || (!force && this.used < CHUNK_BYTES / 2)) return;
    if (!this.handOver()) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }

  async close(): Promise<FileSummary> {
    if (this.tee) await this.tee.close();
    if (this.discarded) return { file: this.file, rows: 0, bytes: 0, discarded: true };
    await this.drain(true);
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(resolve);
    });
    return { file: this.file, rows: this.rows, bytes: this.bytes };
  }
}

// ---------------------------------------------------------------- numbers

/** Integer with `,` thousands separators (`12480` -> `12,480`). */
export function withThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Cents as `1234.56`. */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Rounds to `decimals` places and drops trailing zeros, as the ECB file does (`1.1300` -> `1.13`). */
export function shortDecimal(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return decimals === 0 ? text : text.replace(/\.?0+$/, '');
}

// CSV records with the line each came from, for messages that name the line.
//
// A small reader of our own rather than csv-parse: a platform export that is
// damaged (cut mid-row, a short row, a stray quote, a stray `\r`) must give a
// rejected row with its line, and a general parser either throws for the
// whole file or, relaxed, silently merges or shortens rows. This one reads
// record by record and, where a record is damaged, reports the lines it
// covers and carries on with the next line, so every line of the file ends up
// as a record, an empty line, or a damaged record.
//
// Line breaks are `\r\n`, `\n` or a lone `\r`, as editors count them, so line
// numbers match what a user sees. A quoted field may hold line breaks (post
// texts do); a quote that is never closed damages only the line it opens on.

export interface CsvRecord {
  /** Line in the file (1-based) where the record ends; the line itself for one-line records. */
  line: number;
  /** Line where the record starts, when it differs from `line` (a quoted field with line breaks). */
  firstLine?: number;
  cells: string[];
  /**
   * Set when the record does not line up with the header: the reader of the
   * table decides (a totals or `No data available.` row is not damaged).
   */
  misfit?: string;
}

/** A record that cannot be a row: its lines, why, and the start of its text. */
export interface CsvDamage {
  line: number;
  lastLine: number;
  reason: string;
  text: string;
}

export interface CsvTable {
  records: CsvRecord[];
  damaged: CsvDamage[];
  /** The first line ending of each kind, when a file mixes them (`\r\n` with `\n`). */
  mixedLineEndings: { crlf: number; lf: number; cr: number } | null;
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
  /**
   * The header: a record whose fields do not line up with it is damaged
   * (fewer fields than the header's last named column, or more fields that
   * are not empty).
   */
  header?: readonly string[];
}

/**
 * The longest record read (1 MiB of text). No platform writes a field near it
 * (a Facebook post holds at most 63,206 characters); a longer record is a
 * damaged file and becomes a rejected row, not a run that runs out of memory.
 */
export const MAX_RECORD_CHARS = 1 << 20;

/** How much of a damaged record's text a rejection keeps. */
const SHOWN_CHARS = 120;

interface Scanned {
  cells: string[];
  /** Index after the record's line ending. */
  next: number;
  /** Line of the record's last character. */
  lastLine: number;
  ending: 'crlf' | 'lf' | 'cr' | null;
  /** Line where a quote opened that never closes. */
  unclosedQuote?: number;
  tooLong?: boolean;
  /** Text followed a closing quote (`"a"b`): kept on one line, a stray quote when the field spans lines. */
  strayQuote?: boolean;
}

/** Line breaks in `text[from, to)`: `\n`, and a `\r` not followed by `\n`. */
function breaksIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  for (let i = text.indexOf('\r', from); i !== -1 && i < to; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) n++;
  return n;
}

function stopPattern(delimiter: string): RegExp {
  return new RegExp(`[${delimiter.replace(/[\\\]^-]/g, '\\$&')}\\r\\n]`, 'g');
}

/** One record from `start` (a line start), with `line` the line it starts on. */
function scanRecord(text: string, start: number, line: number, delimiter: string, stop: RegExp): Scanned {
  const cells: string[] = [];
  let i = start;
  let ln = line;
  let tooLong = false;
  let strayQuote = false;
  const stopAt = (from: number) => {
    stop.lastIndex = from;
    return stop.exec(text)?.index ?? text.length;
  };
  for (;;) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      const quoteLine = ln;
      let j = i + 1;
      const parts: string[] = [];
      for (;;) {
        const close = text.indexOf('"', j);
        if (close === -1) return { cells, next: text.length, lastLine: ln, ending: null, unclosedQuote: quoteLine };
        ln += breaksIn(text, j, close);
        if (close - i > MAX_RECORD_CHARS) tooLong = true;
        else parts.push(text.slice(j, close));
        if (text.charCodeAt(close + 1) === 34) {
          parts.push('"');
          j = close + 2;
          continue;
        }
        j = close + 1;
        break;
      }
      // Text after a closing quote (`"a"b`) is kept as written, as spreadsheet programs read it.
      const end = stopAt(j);
      if (end > j) strayQuote = true;
      parts.push(text.slice(j, end));
      field = parts.join('');
      i = end;
    } else {
      const end = stopAt(i);
      field = text.slice(i, end);
      i = end;
    }
    if (field.length > MAX_RECORD_CHARS || i - start > MAX_RECORD_CHARS) {
      tooLong = true;
      field = '';
    }
    cells.push(field);
    if (i >= text.length) return { cells, next: i, lastLine: ln, ending: null, tooLong, strayQuote };
    const c = text.charCodeAt(i);
    if (c === delimiter.charCodeAt(0)) {
      i++;
      continue;
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) return { cells, next: i + 2, lastLine: ln, ending: 'crlf', tooLong, strayQuote };
    return { cells, next: i + 1, lastLine: ln, ending: c === 13 ? 'cr' : 'lf', tooLong, strayQuote };
  }
}

/** Index of the start of the line after the one `from` is on (or the text's end). */
function nextLineStart(text: string, from: number): number {
  LINE_BREAK.lastIndex = from;
  const i = LINE_BREAK.exec(text)?.index;
  if (i === undefined) return text.length;
  return text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
}

const LINE_BREAK = /[\r\n]/g;

function shown(text: string, from: number): string {
  const end = nextLineStart(text, from);
  const line = text.slice(from, Math.min(end, from + SHOWN_CHARS + 2)).replace(/\r?\n$|\r$/, '');
  return line.length > SHOWN_CHARS ? `${line.slice(0, SHOWN_CHARS)}…` : line;
}

function fieldsFit(cells: readonly string[], header: readonly string[]): string | null {
  let named = header.length;
  while (named > 0 && header[named - 1]!.trim() === '') named--;
  if (cells.length < named) return `the row has ${cells.length} fields and the header ${header.length}: cut short or a broken line`;
  if (cells.slice(header.length).some((c) => c.trim() !== '')) {
    return `the row has ${cells.length} fields and the header ${header.length}: an unquoted delimiter or two rows run together`;
  }
  return null;
}

/** Every record and every damaged record of a CSV text from `fromLine` on. */
export function readCsvTable(text: string, options: ReadCsvOptions): CsvTable {
  const offset = options.lineOffset ?? 0;
  const delimiter = options.delimiter;
  const stop = stopPattern(delimiter);
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (line < (options.fromLine ?? 1) && pos < text.length) {
    pos = nextLineStart(text, pos);
    line++;
  }
  const records: CsvRecord[] = [];
  const damaged: CsvDamage[] = [];
  const firstEnding = { crlf: 0, lf: 0, cr: 0 };
  const toLine = options.toLine ?? Infinity;
  while (pos < text.length && line <= toLine) {
    const scanned = scanRecord(text, pos, line, delimiter, stop);
    const damage = (lastLine: number, reason: string) => damaged.push({ line: line + offset, lastLine: lastLine + offset, reason, text: shown(text, pos) });
    if (scanned.unclosedQuote !== undefined) {
      // Only the lines up to the one the quote opens on are damaged; the rest are read again.
      const quoteLine = scanned.unclosedQuote;
      damage(quoteLine, `a quote opened on line ${quoteLine + offset} is never closed (the file is cut short, or a stray ")`);
      while (line <= quoteLine && pos < text.length) {
        pos = nextLineStart(text, pos);
        line++;
      }
      continue;
    }
    if (scanned.ending && firstEnding[scanned.ending] === 0) firstEnding[scanned.ending] = scanned.lastLine + offset;
    const blank = scanned.cells.every((c) => c.trim() === '');
    const misfit = options.header && !blank ? fieldsFit(scanned.cells, options.header) : null;
    if (scanned.tooLong) {
      damage(scanned.lastLine, `the row is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters (the limit for one row)`);
    } else if ((misfit || scanned.strayQuote) && scanned.lastLine > line) {
      // A quoted field that spans lines and does not line up, or closes with text after its quote,
      // is a stray quote: the first line is damaged, the next ones are read again.
      damage(line, misfit ? misfit.replace(/: .*/, ': a quote spans the line break') : 'a quote opens a field that runs over the line break and closes mid-field (a stray ")');
      pos = nextLineStart(text, pos);
      line++;
      continue;
    } else if (misfit) {
      records.push({ line: scanned.lastLine + offset, cells: scanned.cells, misfit });
    } else if (!blank || scanned.cells.length > 1) {
      const record: CsvRecord = { line: scanned.lastLine + offset, cells: scanned.cells };
      if (scanned.lastLine > line) record.firstLine = line + offset;
      records.push(record);
    }
    pos = scanned.next;
    line = scanned.lastLine + 1;
  }
  const kinds = Object.values(firstEnding).filter((n) => n > 0).length;
  return { records, damaged, mixedLineEndings: kinds > 1 ? firstEnding : null };
}

/** The records of a text (for the lines above and at the header), damaged ones left out. */
export function readCsv(text: string, options: ReadCsvOptions): CsvRecord[] {
  return readCsvTable(text, options).records;
}

/** Like readCsv for sniffing: never throws, returns what parses. */
export function tryReadCsv(text: string, options: ReadCsvOptions): CsvRecord[] {
  try {
    return readCsv(text, options);
  } catch {
    return [];
  }
}

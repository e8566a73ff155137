// DuckDB's CSV reader stopping on a file of the data folder (a line too long to
// read, a quote never closed, a file that is not UTF-8 text) is bad input, exit
// 3, not a bug. DuckDB's text names the file but its line number counts from
// where its parallel reader started (a 50 MB field on line 3 is "Line: 1"), and
// it quotes the whole line (`Original Line:`), which may hold a customer's
// name and e-mail; so the file is scanned once more here for the real line,
// and nothing of the line's content is repeated.
import { createReadStream, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { EXIT, ReportError } from './errors.ts';
import { formatCount } from './log.ts';

const SNIFF = /Error when sniffing file "([^"]+)"/;
const CSV_LINE = /CSV Error on Line: (\d+)/;
const FILE_SETTING = /^\s*file = (.+)$/m;
const LINE_SIZE = /Maximum line size of (\d+) bytes exceeded/;
/** `orders.csv: …`: an input error the own-file reader already put in words, about a file of the data folder. */
const WRAPPED = /^([\w.-]+\.csv): /;

interface Scan {
  /** First physical line longer than the limit, with its length in bytes. */
  long: { line: number; bytes: number } | null;
  /**
   * The first quote that does not end its value as RFC 4180 wants: no later quote closes it
   * (`closesOn` null), or the quote that closes it is followed by more text, not by the
   * delimiter or the line's end (a value `"Anna` whose quote the next quoted value closes).
   */
  badQuote: { line: number; closesOn: number | null } | null;
  /** A NUL byte: UTF-16 text, or not text at all. */
  nul: number | null;
}

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

async function scan(path: string, limit: number): Promise<Scan> {
  let line = 1;
  let length = 0;
  let first = true;
  // UTF-16 with its byte order mark: newlines, quotes and delimiters are the same bytes beside a 0x00, which is skipped
  let utf16 = false;
  let delimiter = -1;
  let header: number[] = [];
  let inQuote = false;
  let closed = false; // just after a quote that may close the value
  let fieldStart = true;
  let quoteLine = 0;
  const result: Scan = { long: null, badQuote: null, nul: null };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (first && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) utf16 = true;
    first = false;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 0) {
        if (result.nul === null && !utf16) result.nul = line;
        continue;
      }
      if (byte === NL) {
        if (!result.long && length > limit) result.long = { line, bytes: length };
        if (delimiter < 0) delimiter = guessDelimiter(header);
        line++;
        length = 0;
      } else {
        length++;
        if (delimiter < 0 && header.length < 65_536) header.push(byte);
      }
      if (result.badQuote) continue;
      if (inQuote) {
        if (byte === QUOTE) {
          inQuote = false;
          closed = true;
        }
        continue;
      }
      if (closed) {
        closed = false;
        if (byte === QUOTE) {
          inQuote = true; // "" inside a quoted value
          continue;
        }
        if (byte !== delimiter && byte !== NL && byte !== CR && !(delimiter < 0 && (byte === 0x2c || byte === 0x3b || byte === 0x09))) {
          result.badQuote = { line: quoteLine, closesOn: line };
          continue;
        }
      }
      if (byte === QUOTE && fieldStart) {
        inQuote = true;
        quoteLine = line;
      }
      fieldStart = byte === delimiter || byte === NL || (delimiter < 0 && (byte === 0x2c || byte === 0x3b || byte === 0x09));
    }
  }
  if (!result.long && length > limit) result.long = { line, bytes: length };
  if (inQuote && !result.badQuote) result.badQuote = { line: quoteLine, closesOn: null };
  return result;
}

/** The header line's delimiter as the own-file reader takes it: the most frequent of `,` `;` and tab. */
function guessDelimiter(header: number[]): number {
  const count = (b: number) => header.filter((x) => x === b).length;
  return [0x2c, 0x3b, 0x09].reduce((best, b) => (count(b) > count(best) ? b : best), 0x2c);
}

/** The first quote of a CSV file that does not end its value (RFC 4180), or null. */
export async function firstBadQuote(path: string): Promise<{ line: number; closesOn: number | null } | null> {
  return (await scan(path, Number.POSITIVE_INFINITY)).badQuote;
}

export function quoteProblem(bad: { line: number; closesOn: number | null }): { where: string; what: string } {
  const closing = bad.closesOn === null
    ? 'no later quote closes it'
    : `the next quote${bad.closesOn === bad.line ? '' : `, on line ${bad.closesOn},`} is followed by more text instead of the delimiter or the line's end`;
  return { where: ` line ${bad.line}`, what: `a quote (") opens a value here and ${closing}; close the quote where the value ends, or remove it` };
}

function insideFolder(path: string, folder: string): string | null {
  const rel = relative(folder, path);
  return rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || rel.startsWith(sep) ? null : rel.split(sep).join('/');
}

/** DuckDB's CSV error on a file of the data folder, restated with the file and its real line (exit 3); else null. */
export async function csvReadFailure(error: unknown, dataDir: string): Promise<ReportError | null> {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const message = e.message;
    const sniffed = SNIFF.exec(message);
    const lineError = CSV_LINE.exec(message);
    // an own-file reader's words for a CSV it could not read, naming no line: the scan may find it
    const ownWords = e instanceof ReportError && e.exitCode === EXIT.input && /\bCSV\b/.test(message) && !/\bline \d/.test([message, ...e.details].join('\n'));
    if (!sniffed && !lineError && !ownWords) continue;
    let path = sniffed?.[1] ?? FILE_SETTING.exec(message)?.[1]?.trim();
    let display = path ? insideFolder(path, dataDir) : null;
    // The own-file reader may read a UTF-8 copy of the file (own-csv.ts) and name the file
    // itself; then only a definite finding in the file replaces its words.
    const wrapped = e instanceof ReportError && !display ? WRAPPED.exec(message)?.[1] : undefined;
    if (wrapped && existsSync(join(dataDir, wrapped))) {
      path = join(dataDir, wrapped);
      display = wrapped;
    }
    if (!path || !display) continue;
    const limit = Number(LINE_SIZE.exec(message)?.[1] ?? 2_000_000);
    let found: Scan;
    try {
      found = await scan(path, limit);
    } catch {
      found = { long: null, badQuote: null, nul: null };
    }
    const fail = (where: string, what: string) =>
      new ReportError(`${display}${where}: ${what}`, { exitCode: EXIT.input, cause: error });
    if (LINE_SIZE.test(message) || (sniffed && found.long)) {
      const at = found.long ? ` line ${found.long.line}` : '';
      const size = found.long ? `${formatCount(found.long.bytes)} bytes long` : 'too long';
      return fail(at, `the line is ${size}, beyond the ${formatCount(limit)} bytes a line may have; no real order or cost line is that long: the file is damaged (an export cut or joined wrongly?), export it again`);
    }
    const quote = found.badQuote ? quoteProblem(found.badQuote) : null;
    if (wrapped) return quote ? fail(quote.where, quote.what) : null;
    if (found.nul !== null) {
      return fail(` line ${found.nul}`, 'the file holds NUL bytes: it is not UTF-8 text (UTF-16 saved as plain text, or not a CSV at all); save it as CSV (UTF-8)');
    }
    if (quote) return fail(quote.where, quote.what);
    const reason = /Value with unterminated quote/.test(message)
      ? 'a value with an unterminated quote'
      : /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message)?.[0] ?? 'not a consistent CSV table';
    return fail(lineError && !sniffed ? ` line ${lineError[1]} (as counted by DuckDB's CSV reader)` : '', `DuckDB's CSV reader cannot read it: ${reason}`);
  }
  return null;
}

// DuckDB errors, told in terms of the analyst's SQL file: the file, the line
// and column in that file, DuckDB's message, and the offending line with a
// caret under the culprit.
import { EXIT, ReportError } from './errors.ts';

export interface SqlSource {
  /** Path as shown to users, e.g. `queries/marts/campaign_roi.sql`. */
  display: string;
  /** Lines the pipeline put above the file's first line when running it. */
  lineOffset: number;
  /** The file's text, to show its line and count the column exactly. */
  text?: string;
}

export function duckdbMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // a query file's own values stay in its messages (the warehouse holds no personal fields); a raw input line never
  return message.replace(/^Failed to (?:extract statements|execute prepared statement|prepare statement): /, '').replace(ORIGINAL_LINE, ORIGINAL_LINE_LEFT_OUT);
}

const ORIGINAL_LINE = /^(\s*Original Line:).*$/gm;
const ORIGINAL_LINE_LEFT_OUT = '$1 (left out: it may hold personal data)';

/**
 * A DuckDB message without the data it quotes. DuckDB repeats the input line its
 * CSV reader stopped on (`Original Line: …`), the value a cast failed on
 * (`Could not convert string "…" to …`, `Could not parse string "…" according
 * to format …`, `invalid timestamp field format: "…"`) and the key of a broken
 * constraint (`Duplicate key "…"`); in orders.csv and touchpoints.csv any of
 * them may be a customer's name or e-mail address, and messages go to the
 * terminal and to `<out>.log.jsonl`. The file, line and column it names stay.
 */
export function withoutRowText(message: string): string {
  return message
    .replace(ORIGINAL_LINE, ORIGINAL_LINE_LEFT_OUT)
    .replace(/\b(string|value|field format:|[Kk]ey) (["'])(?:(?!\2)[^\n])*\2/g, '$1 (left out)');
}

/** 1-based line and column of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** An error at a place in a SQL file, with the line and a caret under the column. */
export function sqlErrorAt(source: SqlSource, line: number, column: number, message: string, cause?: unknown, what = 'SQL error'): ReportError {
  const fileLine = source.text?.split('\n')[line - 1];
  const label = `  ${line} | `;
  return new ReportError(`${what} in ${source.display} line ${line}, column ${column}: ${message}`, {
    exitCode: EXIT.sql,
    details: fileLine === undefined ? [] : [`${label}${fileLine.replace(/\t/g, ' ')}`, `${' '.repeat(label.length + column - 1)}^`],
    cause,
  });
}

export function sqlError(source: SqlSource, error: unknown, what = 'SQL error'): ReportError {
  const message = duckdbMessage(error);
  const lineMatch = /\n\s*LINE (\d+):([^\n]*)\n(\s*)\^/.exec(message);
  const headline = message.split(/\n\s*LINE \d+:/)[0]!.replace(/\s*\n+\s*/g, ' ').trim();
  if (!lineMatch) {
    return new ReportError(`${what} in ${source.display}: ${headline}`, { exitCode: EXIT.sql, cause: error });
  }
  const line = Math.max(1, Number(lineMatch[1]) - source.lineOffset);
  // DuckDB prints `LINE n: ` and the line, cut and led by `...` when long; the caret stands under it.
  const snippet = lineMatch[2] ?? '';
  const caret = (lineMatch[3]?.length ?? 0) - `LINE ${lineMatch[1]}:`.length;
  const fileLine = source.text?.split('\n')[line - 1];
  let column = caret;
  const shown = snippet.replace(/^ (?:\.\.\.)?/, '');
  const shownStart = snippet.length - shown.length;
  if (fileLine !== undefined) {
    const at = fileLine.indexOf(shown.slice(0, 40));
    if (at >= 0) column = at + (caret - shownStart) + 1;
  }
  if (fileLine === undefined) {
    const label = `  ${line} |`;
    return new ReportError(`${what} in ${source.display} line ${line}: ${headline}`, {
      exitCode: EXIT.sql,
      details: [`${label}${snippet}`, `${' '.repeat(label.length + Math.max(0, caret))}^`],
      cause: error,
    });
  }
  return sqlErrorAt(source, line, Math.max(1, column), headline, error, what);
}

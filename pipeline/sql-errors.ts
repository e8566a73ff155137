// DuckDB errors, told in terms of the analyst's SQL file: the file, the line in
// that file, DuckDB's message, and the offending line with its caret.
import { EXIT, ReportError } from './errors.ts';

export interface SqlSource {
  /** Path as shown to users, e.g. `queries/marts/campaign_roi.sql`. */
  display: string;
  /** Lines the pipeline put above the file's first line when running it. */
  lineOffset: number;
}

export function duckdbMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Failed to (?:extract statements|execute prepared statement|prepare statement): /, '');
}

export function sqlError(source: SqlSource, error: unknown, what = 'SQL error'): ReportError {
  const message = duckdbMessage(error);
  const lineMatch = /\n\s*LINE (\d+):([^\n]*)\n(\s*)\^/.exec(message);
  const headline = message.split(/\n\s*LINE \d+:/)[0]!.replace(/\s*\n+\s*/g, ' ').trim();
  if (!lineMatch) {
    return new ReportError(`${what} in ${source.display}: ${headline}`, { exitCode: EXIT.sql, cause: error });
  }
  const line = Math.max(1, Number(lineMatch[1]) - source.lineOffset);
  const snippet = lineMatch[2] ?? '';
  const caretColumn = (lineMatch[3]?.length ?? 0) - `LINE ${lineMatch[1]}:`.length;
  const label = `  ${line} |`;
  return new ReportError(`${what} in ${source.display} line ${line}: ${headline}`, {
    exitCode: EXIT.sql,
    details: [`${label}${snippet}`, `${' '.repeat(label.length + Math.max(0, caretColumn))}^`],
    cause: error,
  });
}

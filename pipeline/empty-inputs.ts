// An empty orders file or an empty exports folder is far more often a failed
// download than a month without sales or without ads, and a report built on it
// would show 0 spend or 0 revenue as if they were figures. So it stops the run
// (exit 3) unless the user says the source is meant to be empty
// (`--allow-empty orders,exports`); then the run goes on with a warning, and
// every month stays incomplete (queries/marts/report_months.sql), so nothing
// is frozen as a published snapshot.
import { inputError, usageError } from './errors.ts';
import type { InputFile } from './ingest/index.ts';
import type { Logger } from './log.ts';

export const EMPTY_SOURCES = ['orders', 'exports'] as const;
export type EmptySource = (typeof EMPTY_SOURCES)[number];

/** `--allow-empty orders,exports`: the sources that may be empty. */
export function parseAllowEmpty(value: string): EmptySource[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw usageError(`--allow-empty needs a list of ${EMPTY_SOURCES.join(', ')}: ${JSON.stringify(value)}`);
  for (const name of names) {
    if (!(EMPTY_SOURCES as readonly string[]).includes(name)) {
      throw usageError(`--allow-empty takes ${EMPTY_SOURCES.join(', ')} (comma-separated), found ${JSON.stringify(name)}`);
    }
  }
  return [...new Set(names as EmptySource[])];
}

/** Which of the sources a report needs hold no data row, with why, in words for the message. */
export function emptySources(files: readonly InputFile[]): { source: EmptySource; what: string; remedy: string }[] {
  const found: { source: EmptySource; what: string; remedy: string }[] = [];
  const orders = files.find((f) => f.kind === 'orders');
  if (orders && orders.rows === 0) {
    const why = orders.rejected > 0 ? `every one of its ${orders.rejected} rows was rejected (see the warnings)` : 'it has no order row, only a header or nothing';
    found.push({
      source: 'orders',
      what: `${orders.path} holds no orders: ${why}`,
      remedy: `export the shop's orders for the months to report into ${orders.path}`,
    });
  }
  const exports = files.filter((f) => f.kind === 'export');
  const loaded = exports.filter((f) => f.status === 'loaded');
  if (loaded.every((f) => f.rows === 0)) {
    const why =
      exports.length === 0
        ? 'the folder is missing or has no file'
        : loaded.length === 0
          ? `none of its ${exports.length} files was recognised`
          : `its ${loaded.length === 1 ? 'one export has' : `${loaded.length} exports have`} no data row (${loaded.map((f) => f.path).slice(0, 3).join(', ')}${loaded.length > 3 ? ', …' : ''})`;
    found.push({
      source: 'exports',
      what: `exports/ holds no paid platform data: ${why}`,
      remedy: 'download the paid platforms\' reports for the months to report into exports/',
    });
  }
  return found;
}

/**
 * Stops the run on an empty orders file or exports folder that the user did not
 * allow; an allowed one is a warning (it goes into the manifest and onto the site).
 */
export function refuseEmptyInputs(files: readonly InputFile[], allowed: readonly EmptySource[], warnings: string[], logger: Logger): void {
  const empty = emptySources(files);
  const refused = empty.filter((e) => !allowed.includes(e.source));
  if (refused.length > 0) {
    const first = refused[0]!;
    throw inputError(
      `${refused.map((e) => e.what).join('; ')}. ${first.remedy[0]!.toUpperCase()}${first.remedy.slice(1)}${refused.length > 1 ? `, and ${refused[1]!.remedy}` : ''}; ` +
        `or, if ${refused.length > 1 ? 'they are' : 'it is'} meant to be empty, run again with --allow-empty ${refused.map((e) => e.source).join(',')} ` +
        '(the report then marks every month incomplete and keeps no month as published)',
    );
  }
  for (const e of empty) {
    const message = `${e.what}; allowed by --allow-empty ${e.source}: every month is marked incomplete and none is kept as published`;
    warnings.push(message);
    logger.warn(message);
  }
}

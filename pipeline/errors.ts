// One error type for every failure a user can act on. Steps throw it; only
// run.ts turns it into a message and an exit code. Anything else is a bug.
import { statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  input: 3,
  sql: 4,
  check: 5,
  build: 6,
  busy: 7,
  memory: 8,
  /** The machine, not the data: a full disk, no permission, a read-only file system, too many open files. */
  machine: 9,
  /** The month's PDF could not be printed (no Chromium at the path, or it failed); the report itself was published. */
  pdf: 10,
  /** The report was built and published, but its e-mail digest was not delivered (pipeline/mail.ts). */
  mail: 11,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class ReportError extends Error {
  readonly exitCode: ExitCode;
  /** Lines printed under the one-line message: a code excerpt, a list of known formats. */
  readonly details: string[];

  constructor(message: string, options: { exitCode?: ExitCode; details?: string[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ReportError';
    this.exitCode = options.exitCode ?? EXIT.input;
    this.details = options.details ?? [];
  }
}

export function inputError(message: string, details: string[] = []): ReportError {
  return new ReportError(message, { exitCode: EXIT.input, details });
}

export function usageError(message: string): ReportError {
  return new ReportError(message, { exitCode: EXIT.usage });
}

/** DuckDB's own words when a query needs more memory than its limit allows. */
const OUT_OF_MEMORY = /Out of Memory Error: [^\n]*/;

/** The step (ingest, transform, …) a failure happened in, as log.ts's timedStep marks it. */
const STEP = Symbol('step');

/** Marks a failure with the step it happened in (the innermost step wins); returns it. */
export function markStep(error: unknown, step: string): unknown {
  if (error !== null && typeof error === 'object' && !(STEP in error)) Object.defineProperty(error, STEP, { value: step });
  return error;
}

export function stepOf(error: unknown): string | null {
  return error !== null && typeof error === 'object' && STEP in error ? String((error as Record<symbol, unknown>)[STEP]) : null;
}

/**
 * The failure restated for the person running the job when DuckDB ran out of memory (in
 * any step), else null: it names the step and, when a SQL file or input file was being
 * run or read, that file, so the person knows what needed the memory.
 */
export function outOfMemory(error: unknown): ReportError | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const found = OUT_OF_MEMORY.exec(e.message);
    if (found) {
      const step = stepOf(error);
      // a ReportError says the place before DuckDB's words ("SQL error in queries/x.sql: Out of Memory Error: …")
      const before = error instanceof ReportError ? error.message.slice(0, Math.max(0, error.message.indexOf(found[0]))) : '';
      const place = before.replace(/^SQL error in /, '').replace(/[:\s]+$/, '');
      const where = `${step ? ` in the ${step} step` : ''}${place ? ` (${place})` : ''}`;
      return new ReportError(
        `DuckDB ran out of memory${where}: ${found[0]}. Raise --memory-limit (by default DuckDB may use half the machine's memory)`,
        { exitCode: EXIT.memory, cause: error },
      );
    }
  }
  return null;
}

// ---------------------------------------------------------------- the machine

/** What the operating system's error codes mean to the person running the job, and what to do. */
const MACHINE: Record<string, { what: string; todo: string }> = {
  ENOSPC: { what: 'the disk is full', todo: 'free space on that disk (or point --out / --warehouse to another one) and run again' },
  EDQUOT: { what: 'the disk quota is used up', todo: 'free space within the quota (or point --out / --warehouse elsewhere) and run again' },
  EACCES: { what: 'permission denied', todo: 'give the user running the report write access there, or choose another path (--out, --warehouse)' },
  EPERM: { what: 'operation not permitted', todo: 'give the user running the report write access there, or choose another path (--out, --warehouse)' },
  EROFS: { what: 'the file system is read-only', todo: 'choose a path on a writable disk (--out, --warehouse)' },
  EMFILE: { what: 'too many open files in this process', todo: 'raise the open-file limit (ulimit -n) and run again' },
  ENFILE: { what: 'too many open files on the machine', todo: 'close other programs or raise the system-wide file limit, and run again' },
  ENOTDIR: { what: 'a part of the path is a file, not a folder', todo: 'choose a path whose folders are folders (--out, --warehouse)' },
};

/** DuckDB's IO errors carry the C library's words (strerror), not the code. */
const DUCKDB_IO: readonly [RegExp, string][] = [
  [/No space left on device/i, 'ENOSPC'],
  [/Disk quota exceeded/i, 'EDQUOT'],
  [/Permission denied/i, 'EACCES'],
  [/Operation not permitted/i, 'EPERM'],
  [/Read-only file system/i, 'EROFS'],
  [/Too many open files in system/i, 'ENFILE'],
  [/Too many open files/i, 'EMFILE'],
  [/Not a directory/i, 'ENOTDIR'],
];

function machineProblem(e: Error): { code: string; path: string | null } | null {
  const errno = e as NodeJS.ErrnoException;
  if (typeof errno.code === 'string' && MACHINE[errno.code]) return { code: errno.code, path: errno.path ?? (errno as { dest?: string }).dest ?? null };
  // mkdir -p over a file (`--out /dev/null/x`) says EEXIST where open says ENOTDIR
  if (errno.code === 'EEXIST' && errno.syscall === 'mkdir') return { code: 'ENOTDIR', path: errno.path ?? null };
  // Node's words in a message, as a child process (the Astro build) prints them: `EMFILE: too many open files, open '<path>'`
  // (Astro's own report of a full disk names no path: `ENOSPC: no space left on device, write`)
  const node = /\b(E[A-Z]+): [^,\n]+, [a-z]+\b(?: '([^'\n]+)')?/.exec(e.message);
  if (node && MACHINE[node[1]!]) return { code: node[1]!, path: node[2] ?? null };
  // DuckDB: `IO Error: Could not write file "<path>": No space left on device`, also inside
  // `TransactionContext Error: Failed to commit: …` when the WAL cannot grow.
  for (const [, path, reason] of e.message.matchAll(/"([^"\n]+)": ([^\n]+)/g)) {
    const found = DUCKDB_IO.find(([pattern]) => pattern.test(reason!));
    if (found) return { code: found[1], path: path! };
  }
  return null;
}

/**
 * A failure of the machine (in any step, from Node or from DuckDB) restated with
 * the path and what to do (exit 9), else null. Such a failure is not a bug and
 * not bad data: the same run succeeds once the disk has room or the folder is writable.
 */
export function machineFailure(error: unknown, places: { out?: string; warehouse?: string } = {}): ReportError | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const problem = machineProblem(e);
    if (!problem) continue;
    const { what, todo } = MACHINE[problem.code]!;
    const where = problem.path ? ` at ${problem.path}` : unnamedPlace(places);
    return new ReportError(`the machine refused a file operation${where}: ${what} (${problem.code}); ${todo}`, {
      exitCode: EXIT.machine,
      details: [...(error instanceof ReportError ? [`while: ${error.message}`] : []), ...secondaryFailures(error)],
      cause: error,
    });
  }
  return null;
}

/**
 * Node names no path when a write(2) on an open file fails (`ENOSPC: no space left on device,
 * write`); the run writes only beside the output and the warehouse, so the disk is one of theirs.
 */
function unnamedPlace(places: { out?: string; warehouse?: string }): string {
  const folders = [
    ...(places.out ? [{ name: 'the output', dir: dirname(places.out) }] : []),
    ...(places.warehouse ? [{ name: 'the warehouse', dir: dirname(places.warehouse) }] : []),
  ];
  const device = (dir: string) => {
    try {
      return statSync(dir).dev;
    } catch {
      return null;
    }
  };
  // the space left now (what the failed run wrote is removed by then), so the reader can tell which disk is short
  const free = (dir: string) => {
    try {
      const fs = statfsSync(dir);
      const bytes = fs.bavail * fs.bsize;
      return bytes < 1024 ** 2 ? `${Math.floor(bytes / 1024)} kB free` : bytes < 1024 ** 3 ? `${Math.floor(bytes / 1024 ** 2)} MB free` : `${Math.floor(bytes / 1024 ** 3)} GB free`;
    } catch {
      return 'free space unknown';
    }
  };
  if (folders.length === 2 && device(folders[0]!.dir) !== null && device(folders[0]!.dir) === device(folders[1]!.dir)) folders.pop();
  return folders.length ? ` writing ${folders.map((f) => `${f.name} (in ${f.dir}, ${free(f.dir)})`).join(' or ')}` : '';
}

/**
 * DuckDB refusing the report's time zone (`set TimeZone`), should its ICU know fewer names
 * than Node's, which config.ts checks with: a setting of report.json, so bad input (exit 3).
 */
export function settingRefused(error: unknown): ReportError | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const zone = /Unknown TimeZone '([^'\n]*)'/.exec(e.message);
    if (zone) {
      return new ReportError(`report.json: timezone must be an IANA time zone name DuckDB knows, such as "Europe/Berlin": ${JSON.stringify(zone[1])}`, {
        exitCode: EXIT.input,
        details: ['the names DuckDB knows: select name from pg_timezone_names() (npm run sql)'],
        cause: error,
      });
    }
  }
  return null;
}

// ---------------------------------------------------------------- a failure behind a failure

const alsoFailed = new WeakMap<object, string[]>();

/**
 * Keeps `original` the error that is reported and records that cleaning up after
 * it failed too (a ROLLBACK after a failed load): the second failure is mostly
 * a consequence of the first, and reporting it instead hides the cause.
 */
export function noteSecondaryFailure(original: unknown, what: string, secondary: unknown): void {
  if (typeof original !== 'object' || original === null) return;
  const text = `${what} failed too: ${secondary instanceof Error ? secondary.message.split('\n')[0] : String(secondary)}`;
  alsoFailed.set(original, [...(alsoFailed.get(original) ?? []), text]);
}

export function secondaryFailures(error: unknown): string[] {
  return typeof error === 'object' && error !== null ? (alsoFailed.get(error) ?? []) : [];
}

// ---------------------------------------------------------------- test hooks

/**
 * Test-only fault injection, checked here and nowhere else: ROI_TEST_FAULT names
 * the fault (`rollback`: the ROLLBACK after a failed load fails; `commit-enospc`:
 * committing a file's load fails as DuckDB does on a full disk). Faults a test
 * cannot make without root (a full disk) or at all (a failing ROLLBACK) are
 * tested this way (test/exit-codes.test.ts); nothing else sets the variable.
 */
export function testFault(point: 'rollback' | 'commit-enospc', path = ''): void {
  if (process.env.ROI_TEST_FAULT !== point) return;
  if (point === 'rollback') throw new Error('TransactionContext Error: rollback failed (test fault ROI_TEST_FAULT=rollback)');
  throw new Error(`IO Error: Could not write file "${path}.wal": No space left on device (test fault ROI_TEST_FAULT=commit-enospc)`);
}

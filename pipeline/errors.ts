// One error type for every failure a user can act on. Steps throw it; only
// run.ts turns it into a message and an exit code. Anything else is a bug.

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

/** The failure restated for the person running the job when DuckDB ran out of memory (in any step), else null. */
export function outOfMemory(error: unknown): ReportError | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const found = OUT_OF_MEMORY.exec(e.message);
    if (found) {
      const where = error instanceof ReportError && error !== e ? ` (${error.message.split(':')[0]})` : '';
      return new ReportError(
        `DuckDB ran out of memory${where}: ${found[0]}. Raise --memory-limit, or leave it out to let DuckDB use 80% of the machine's memory`,
        { exitCode: EXIT.memory, cause: error },
      );
    }
  }
  return null;
}

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

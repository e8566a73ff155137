// The run log for schedulers: one JSON object per line, appended to
// <out>.log.jsonl beside the output — the start with the options, one line
// per step with its counts and seconds, every warning, and the end with the
// exit code.
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Logger } from './log.ts';

export interface RunLog extends Logger {
  start(details: Record<string, unknown>): void;
  end(exitCode: number, details?: Record<string, unknown>): void;
}

/** Wraps a logger so that everything it is told also goes to the JSON-lines file. */
export function runLog(path: string, inner: Logger, now: () => Date = () => new Date()): RunLog {
  const runId = randomUUID();
  const started = performance.now();
  let failed = false;
  const write = (event: string, fields: Record<string, unknown>) => {
    try {
      appendFileSync(path, `${JSON.stringify({ run_id: runId, at: now().toISOString(), event, ...fields })}\n`);
    } catch (error) {
      // The log must never be the reason a report fails, but a scheduler reading it should not wait for lines that never come.
      if (!failed) inner.warn(`cannot write the run log ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); this run is not logged there`);
      failed = true;
    }
  };
  return {
    start(details) {
      write('start', details);
    },
    step(verb, summary, seconds, counts) {
      inner.step(verb, summary, seconds, counts);
      write('step', { step: verb, summary, seconds: Math.round(seconds * 1000) / 1000, ...(counts ? { counts } : {}) });
    },
    warn(message) {
      inner.warn(message);
      write('warning', { message });
    },
    info(message) {
      inner.info(message);
    },
    error(message, details = []) {
      inner.error(message, details);
      write('error', { message, details });
    },
    end(exitCode, details = {}) {
      write('end', { exit_code: exitCode, seconds: Math.round(performance.now() - started) / 1000, ...details });
    },
  };
}

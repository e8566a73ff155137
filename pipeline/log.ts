// The logger is passed in, so tests run quietly and can read what was said.

import { markStep } from './errors.ts';

export interface Logger {
  /** One line per step: verb, what, counts, elapsed time; `counts` for machine-readable logs. */
  step(verb: string, summary: string, seconds: number, counts?: Record<string, number>): void;
  warn(message: string): void;
  info(message: string): void;
  error(message: string, details?: string[]): void;
}

const useColor = () => !process.env.NO_COLOR && process.stderr.isTTY === true;
const paint = (code: number, text: string) => (useColor() ? `\u001b[${code}m${text}\u001b[0m` : text);
export const red = (text: string) => paint(31, text);
export const yellow = (text: string) => paint(33, text);
export const dim = (text: string) => paint(2, text);
export const bold = (text: string) => paint(1, text);

export function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function consoleLogger(): Logger {
  return {
    step(verb, summary, seconds) {
      process.stdout.write(`${bold(verb.padEnd(9))} ${summary} ${dim(`in ${formatSeconds(seconds)}`)}\n`);
    },
    warn(message) {
      process.stderr.write(`${yellow('warning')}   ${message}\n`);
    },
    info(message) {
      process.stdout.write(`${message}\n`);
    },
    error(message, details = []) {
      process.stderr.write(`${red(message)}\n`);
      for (const line of details) process.stderr.write(`${line}\n`);
    },
  };
}

export interface RecordedLog {
  kind: 'step' | 'warn' | 'info' | 'error';
  text: string;
}

/** A logger that keeps what it is told; for tests. */
export function memoryLogger(): Logger & { lines: RecordedLog[] } {
  const lines: RecordedLog[] = [];
  return {
    lines,
    step: (verb, summary) => lines.push({ kind: 'step', text: `${verb} ${summary}` }),
    warn: (text) => lines.push({ kind: 'warn', text }),
    info: (text) => lines.push({ kind: 'info', text }),
    error: (text, details = []) => lines.push({ kind: 'error', text: [text, ...details].join('\n') }),
  };
}

/** Times a step and prints its line; the step returns its summary, counts and a result. */
export async function timedStep<T>(
  logger: Logger,
  verb: string,
  work: () => Promise<{ summary: string; result: T; counts?: Record<string, number> }>,
): Promise<T> {
  const started = performance.now();
  let done: Awaited<ReturnType<typeof work>>;
  try {
    done = await work();
  } catch (error) {
    // so that the message can say in which step it failed (errors.ts outOfMemory)
    throw markStep(error, verb);
  }
  const { summary, result, counts } = done;
  logger.step(verb, summary, (performance.now() - started) / 1000, counts);
  return result;
}

// Platform and organic exports are parsed in worker threads, one file per job,
// while the main thread loads the rows parsed so far into the warehouse: parsing
// is JavaScript (the exports' layouts are the platforms', which DuckDB's CSV
// reader cannot be told: title lines, totals rows, `1.234,56`, UTF-16, sheets of
// a workbook), and on the main thread it left every other core idle.
//
// Results come back in the order the files were given, so the raw tables are
// filled exactly as a parse on the main thread fills them (test/export-workers.test.ts
// compares the two), and at most a few files' rows are held in memory at once:
// a file is handed to a worker only when fewer than `window` parsed files wait
// to be loaded. A worker reads the file itself and checks its hash against the
// one the run recorded, so it parses the bytes the run recognised.
//
// How many workers: REPORT_INGEST_WORKERS when set (0 parses on the main
// thread), else one per core up to four, and none when the files to parse are
// too small to pay for starting workers (PARALLEL_FROM_BYTES).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ReportError, inputError, usageError, type ExitCode } from '../errors.ts';
import { extractFile, recogniseFile, type Extracted } from './export-file.ts';

export interface ExportJob {
  /** Path as the user knows it (relative to the data folder). */
  path: string;
  absolute: string;
  /** The hash the run recorded and recognised the file by. */
  sha256: string;
}

/** Below this many bytes to parse, starting workers (about 0.1-0.2 s each) costs more than it saves. */
export const PARALLEL_FROM_BYTES = 4 * 1024 * 1024;

const MAX_WORKERS = 4;

/** The workers to start for `bytes` of exports: REPORT_INGEST_WORKERS, else one per core (at most four) for big enough files. */
export function exportWorkerCount(bytes: number, env: NodeJS.ProcessEnv = process.env): number {
  const setting = env.REPORT_INGEST_WORKERS;
  if (setting !== undefined && setting !== '') {
    if (!/^\d+$/.test(setting.trim())) throw usageError(`REPORT_INGEST_WORKERS must be a whole number of worker threads (0: parse exports on the main thread), found "${setting}"`);
    return Number(setting.trim());
  }
  return bytes >= PARALLEL_FROM_BYTES ? Math.min(availableParallelism(), MAX_WORKERS) : 0;
}

/** A file's bytes, checked against the hash the run recorded for it (a file still being written changes between two reads). */
export async function readAsHashed(job: ExportJob): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(job.absolute));
  if (createHash('sha256').update(bytes).digest('hex') !== job.sha256) {
    throw inputError(`${job.path} changed while the run was reading it (it is being written or downloaded?); run the report again once it is complete`);
  }
  return bytes;
}

/** Reads, checks, recognises and parses one export: the same work on the main thread and in a worker. */
export async function extractExportFile(job: ExportJob, currency: string): Promise<Extracted> {
  const file = await recogniseFile(job.path, await readAsHashed(job));
  if (file.unknown) throw file.unknown;
  return extractFile(file, { currency });
}

/** A failure as it crosses from a worker: a ReportError keeps its exit code and details. */
export interface SentError {
  message: string;
  stack?: string;
  report?: { exitCode: ExitCode; details: string[] };
}

export function sendError(error: unknown): SentError {
  if (error instanceof ReportError) return { message: error.message, stack: error.stack, report: { exitCode: error.exitCode, details: error.details } };
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error) };
}

function receivedError(sent: SentError): Error {
  const error = sent.report ? new ReportError(sent.message, sent.report) : new Error(sent.message);
  // a bug's stack is the worker's, which is where it happened
  if (!sent.report && sent.stack) error.stack = sent.stack;
  return error;
}

export type WorkerReply = { id: number; extracted: Extracted } | { id: number; error: SentError };

interface Pending {
  resolve: (extracted: Extracted) => void;
  reject: (error: Error) => void;
}

/** A fixed set of worker threads, each parsing one file at a time. */
class ExportWorkers {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; job: ExportJob }[] = [];
  private readonly pending = new Map<number, Pending>();
  /** Workers parsing a file now: one that stops while in here took a file down with it. */
  private readonly busy = new Set<Worker>();
  private nextId = 0;
  private failure: Error | null = null;
  private readonly currency: string;

  constructor(count: number, currency: string) {
    this.currency = currency;
    for (let i = 0; i < count; i++) {
      const worker = new Worker(new URL('./export-worker.ts', import.meta.url));
      worker.on('message', (reply: WorkerReply) => this.settle(worker, reply));
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', (code) => {
        if (this.busy.has(worker)) this.fail(worker, new Error(`an export-parsing worker thread stopped (exit code ${code}) while parsing a file`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  parse(job: ExportJob): Promise<Extracted> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const result = new Promise<Extracted>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.queue.push({ id, job });
    this.dispatch();
    return result;
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const { id, job } = this.queue.shift()!;
      this.busy.add(worker);
      worker.postMessage({ id, job, currency: this.currency });
    }
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    this.busy.delete(worker);
    this.idle.push(worker);
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if ('error' in reply) pending?.reject(receivedError(reply.error));
    else pending?.resolve(reply.extracted);
    this.dispatch();
  }

  /** A worker that crashed (not a file's error, which comes as a reply) fails every file still to parse. */
  private fail(worker: Worker, error: Error): void {
    this.busy.delete(worker);
    this.failure ??= error;
    for (const [id, pending] of this.pending) {
      pending.reject(this.failure);
      this.pending.delete(id);
    }
    this.queue.length = 0;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Parses the exports, yielding each file's rows in the order given. With
 * `workers` > 0 the files are parsed in that many worker threads, at most
 * `window` (default twice the workers) ahead of the file being loaded; with 0,
 * one after the other on this thread. Stopping early (an error while loading)
 * ends the workers.
 */
export async function* extractExports(jobs: readonly ExportJob[], currency: string, options: { workers: number; window?: number }): AsyncGenerator<Extracted> {
  if (options.workers <= 0 || jobs.length === 0) {
    for (const job of jobs) yield await extractExportFile(job, currency);
    return;
  }
  const pool = new ExportWorkers(Math.min(options.workers, jobs.length), currency);
  const window = Math.max(1, options.window ?? options.workers * 2);
  const inFlight: Promise<Extracted>[] = [];
  // a file's failure is reported when its turn comes, as on the main thread; until then it must not count as unhandled
  const start = (job: ExportJob) => {
    const parsed = pool.parse(job);
    parsed.catch(() => {});
    inFlight.push(parsed);
  };
  try {
    let next = 0;
    while (next < jobs.length && inFlight.length < window) start(jobs[next++]!);
    while (inFlight.length) {
      const extracted = await inFlight.shift()!;
      if (next < jobs.length) start(jobs[next++]!);
      yield extracted;
    }
  } finally {
    await pool.close();
  }
}

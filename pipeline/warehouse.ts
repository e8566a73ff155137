// The DuckDB warehouse file. Everything the pipeline knows lives here between
// steps; the SQL in queries/ reads the raw_* tables that ingest writes.
import { chmod, mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { EXIT, ReportError } from './errors.ts';
import { defaultMemoryLimit } from './memory-budget.ts';

export interface Warehouse {
  path: string;
  connection: DuckDBConnection;
  run(sql: string, params?: Record<string, DuckDBValue>): Promise<void>;
  rows<T = Record<string, unknown>>(sql: string, params?: Record<string, DuckDBValue>): Promise<T[]>;
  /** Close and open the file again, with the same options and time zone (the memory a long load left behind goes). */
  reopen(): Promise<void>;
  close(): void;
}

export interface WarehouseOptions {
  /** Start from an empty file (default); false keeps what earlier runs loaded. */
  fresh?: boolean;
  timezone?: string;
  /** DuckDB's memory_limit, e.g. `3GB` (default: half the memory this process may use, memory-budget.ts); beyond it DuckDB spills to `<path>.tmp/`. */
  memoryLimit?: string;
  /** How long to wait for another process to let go of the file before giving up (default 2 minutes). */
  lockWaitMs?: number;
}

/** DuckDB's words when another process holds the file (a reader such as the DuckDB shell, or another run). */
const LOCKED = /Could not set lock on file|Conflicting lock is held/;

export function isLockedByOther(error: unknown): boolean {
  return error instanceof Error && LOCKED.test(error.message);
}

/**
 * Opens the file, waiting while another process holds it: a reader that
 * opened the warehouse (a query in the DuckDB shell) usually lets go within
 * seconds, and the run goes on instead of failing. After `waitMs` the run
 * stops with exit 7 and says who holds it.
 */
async function createInstance(path: string, config: Record<string, string> | undefined, waitMs: number): Promise<DuckDBInstance> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await privately(() => DuckDBInstance.create(path, config));
    } catch (error) {
      if (!isLockedByOther(error)) throw error;
      if (Date.now() >= deadline) {
        const holder = /PID (\d+)/.exec((error as Error).message)?.[1];
        throw new ReportError(
          `the warehouse ${path} is held by another process${holder ? ` (process ${holder})` : ''} and was not let go within ${Math.round(waitMs / 1000)} s; close the program that has it open (a DuckDB shell, a notebook), or pass another --warehouse`,
          { exitCode: EXIT.busy, cause: error },
        );
      }
      await sleep(200);
    }
  }
}

/**
 * The warehouse's files are readable by their owner only: they hold every order,
 * under customer pseudonyms. DuckDB creates the file, its write-ahead log
 * `<path>.wal` (deleted at each checkpoint and made anew by the next write) and
 * its spill folder `<path>.tmp/` whenever a statement needs them, with the
 * process's umask (so 0644 and 0755 by default), and has no setting of its own
 * for their modes; so every call into DuckDB runs under umask 077. Nothing else
 * creates files during a DuckDB call (the pipeline awaits each one), and the
 * umask is restored when the call returns. In a worker thread, where Node cannot
 * set the umask, only the file itself is made private (chmod after opening).
 */
let privateDepth = 0;
let savedUmask: number | null = null;

function privately<T>(work: () => T): T {
  if (privateDepth++ === 0) {
    try {
      savedUmask = process.umask(0o077);
    } catch {
      savedUmask = null;
    }
  }
  const leave = () => {
    if (--privateDepth === 0 && savedUmask !== null) process.umask(savedUmask);
  };
  let result: T;
  try {
    result = work();
  } catch (error) {
    leave();
    throw error;
  }
  if (result instanceof Promise) return result.finally(leave) as T;
  leave();
  return result;
}

/** The connection with each of its methods run privately (see above). */
function privateConnection(connection: DuckDBConnection): DuckDBConnection {
  return new Proxy(connection, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (...args: unknown[]) => privately(() => value.apply(target, args)) : value;
    },
  });
}

/**
 * Makes files an older pipeline (or a crash before this one) left readable by others private;
 * a file another account owns (EPERM) is left as its owner set it.
 */
async function makePrivate(path: string): Promise<void> {
  for (const [file, mode] of [[path, 0o600], [`${path}.wal`, 0o600], [`${path}.tmp`, 0o700]] as const) {
    await chmod(file, mode).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' && error.code !== 'EPERM') throw error;
    });
  }
}

/** Opens a fresh warehouse file at `path` (an earlier one is replaced). */
export async function openWarehouse(path: string, options: WarehouseOptions = {}): Promise<Warehouse> {
  await mkdir(dirname(path), { recursive: true });
  if (options.fresh ?? true) {
    await rm(path, { force: true });
    await rm(`${path}.wal`, { force: true });
  }
  const connect = async (timezone: string | undefined) => {
    const instance = await createInstance(path, { memory_limit: options.memoryLimit ?? defaultMemoryLimit() }, options.lockWaitMs ?? 120_000);
    await makePrivate(path);
    const connection = privateConnection(await instance.connect());
    if (timezone) await connection.run(`set TimeZone = ${sqlString(timezone)}`);
    return { instance, connection };
  };
  let current = await connect(options.timezone);
  const disconnect = () =>
    privately(() => {
      current.connection.closeSync();
      current.instance.closeSync();
    });
  const warehouse: Warehouse = {
    path,
    connection: current.connection,
    async run(sql, params) {
      await current.connection.run(sql, params);
    },
    async rows<T>(sql: string, params?: Record<string, DuckDBValue>) {
      const reader = await current.connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as T[];
    },
    async reopen() {
      // settings go with the connection: the time zone ingest set is carried over; any other
      // setting made before a reopen must be made again by the step that needs it
      const reader = await current.connection.runAndReadAll("select current_setting('TimeZone') as tz");
      const timezone = String(reader.getRowObjectsJS()[0]?.tz);
      disconnect();
      current = await connect(timezone);
      warehouse.connection = current.connection;
    },
    close() {
      disconnect();
    },
  };
  return warehouse;
}

/**
 * What the warehouse file holds under a name in its main schema ('BASE TABLE' or 'VIEW',
 * and its catalog), not a temporary object of the run by that name; null: nothing.
 */
export async function storedObject(warehouse: Warehouse, name: string): Promise<{ catalog: string; type: string } | null> {
  const [row] = await warehouse.rows<{ table_catalog: string; table_type: string }>(
    "select table_catalog, table_type from information_schema.tables where table_catalog = current_database() and table_schema = 'main' and table_name = $name",
    { name },
  );
  return row ? { catalog: row.table_catalog, type: row.table_type } : null;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export type Cell = string | number | boolean | null | undefined;

/** Appends rows to a table through DuckDB's appender; DuckDB casts the text to each column's type. */
export async function appendRows(warehouse: Warehouse, table: string, rows: Iterable<readonly Cell[]>): Promise<number> {
  const appender = await warehouse.connection.createAppender(table);
  try {
    return appendTo(appender, rows);
  } finally {
    privately(() => appender.closeSync());
  }
}

/** Each cell as text (or null), a row at a time; returns the rows appended. */
function appendTo(appender: DuckDBAppender, rows: Iterable<readonly Cell[]>): number {
  let count = 0;
  for (const row of rows) {
    for (const cell of row) {
      if (cell === null || cell === undefined) appender.appendNull();
      else appender.appendVarchar(String(cell));
    }
    appender.endRow();
    count++;
  }
  return count;
}

/**
 * One appender per table, kept open while many files' rows go in (ingest loads a
 * run's exports in one transaction): making and flushing an appender per file and
 * table cost more than the rows of a small export. close() flushes them all, and
 * must come before anything else runs on the connection (a commit, a query).
 */
export class TableAppenders {
  private readonly open = new Map<string, DuckDBAppender>();
  private readonly warehouse: Warehouse;

  constructor(warehouse: Warehouse) {
    this.warehouse = warehouse;
  }

  async append(table: string, rows: Iterable<readonly Cell[]>): Promise<number> {
    let appender = this.open.get(table);
    if (!appender) {
      appender = await this.warehouse.connection.createAppender(table);
      this.open.set(table, appender);
    }
    return appendTo(appender, rows);
  }

  close(): void {
    const appenders = [...this.open.values()];
    this.open.clear();
    let failure: unknown = null;
    privately(() => {
      for (const appender of appenders) {
        try {
          appender.closeSync();
        } catch (error) {
          failure ??= error;
        }
      }
    });
    if (failure) throw failure;
  }
}

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

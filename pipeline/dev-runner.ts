// The runs behind `npm run dev`: ingest, transform, check and export, again every
// time a file of queries/ or of the data folder changes, into an export folder that
// the dev server reads. Only what a change touches runs again:
//   - ingest reads only the input files whose content changed (as every run does);
//   - transform re-runs the SQL files whose text changed and every file that reads
//     them, directly or not; a changed input file, another process writing to the
//     warehouse, or the first run re-runs them all;
//   - check runs every data test, export writes every mart.
// Each run exports into a folder of its own, and the link <cache>/data moves to it in
// one rename once the run succeeded, so the server never sees half an export. A run
// that fails (SQL error, failing data test, a declared chart that no longer fits its
// mart) prints what `npm run report` would print and leaves the link where it was:
// the server keeps showing the last good data.
import { existsSync, statSync } from 'node:fs';
import { lstat, mkdir, readdir, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { modelKeys } from './catalog.ts';
import { checkStep, type DataTest } from './check.ts';
import { EXIT, ReportError } from './errors.ts';
import { exportReportData } from './data-folder.ts';
import { ingest } from './ingest/index.ts';
import { formatCount, plural, timedStep, type Logger } from './log.ts';
import { LAYERS, runQuery, type QueryFile } from './queries.ts';
import { readSnapshots, writeSnapshotTable } from './snapshots.ts';
import { openWarehouse, type Warehouse } from './warehouse.ts';
import { watchTree, type TreeWatcher } from './watch-tree.ts';
import { loadSqlProject } from './warehouse-build.ts';

export interface DevRunnerOptions {
  dataDir: string;
  queriesDir: string;
  warehousePath: string;
  /** Holds the exports and the link `data` to the latest good one (default .cache/dev). */
  cacheDir: string;
  /** The declared charts (site/charts), checked against each new export; null: none. */
  chartsDir: string | null;
  /**
   * The data folder of the published report (dist/data), whose month snapshots the
   * restatements compare against; read, never written. Null: none.
   */
  publishedDataDir: string | null;
  month: string | null;
  skipUnknown?: boolean;
  /** Wait after a change before running, so that saving several files runs once. */
  debounceMs?: number;
  now?: () => Date;
}

export interface DevRunResult {
  ok: boolean;
  /** What started the run. */
  reasons: string[];
  seconds: number;
  /** The export folder of a successful run. */
  exportDir: string | null;
  month: string | null;
  /** Tables the transform step ran, by name. */
  transformed: string[];
  error: unknown;
}

/** Sentinel for the display of a dev run's reasons. */
const FIRST_RUN = 'start';

export class DevRunner {
  readonly options: DevRunnerOptions;
  /** The folder the server reads: a link to the latest good export. */
  readonly dataLink: string;
  private readonly logger: Logger;
  private readonly listeners: ((result: DevRunResult) => void)[] = [];
  /** SQL of every table as last built in the warehouse by this runner. */
  private readonly built = new Map<string, string>();
  private inputsSignature: string | null = null;
  private warehouseStamp: string | null = null;
  private running: Promise<DevRunResult> | null = null;
  private pending: string[] = [];
  /** Reasons that name a file, with its path: a file gone by the time of the run (an editor's temporary file) is not named. */
  private readonly paths = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private sequence = 0;
  private closed = false;
  private lastResult: DevRunResult | null = null;

  constructor(options: DevRunnerOptions, logger: Logger) {
    this.options = options;
    this.logger = logger;
    this.dataLink = join(options.cacheDir, 'data');
  }

  /** Called after every run, good or not. */
  onRun(listener: (result: DevRunResult) => void): void {
    this.listeners.push(listener);
  }

  /** The last run's result, if any ran. */
  get last(): DevRunResult | null {
    return this.lastResult;
  }

  /** Whether the link points at an export (from this or an earlier session). */
  async hasData(): Promise<boolean> {
    try {
      return (await stat(join(this.dataLink, 'manifest.json'))).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Asks for a run because of `reason` (a changed file). Requests within the debounce
   * time make one run; while a run is going, one more follows when it is done.
   */
  request(reason: string, path?: string): void {
    if (this.closed) return;
    if (path !== undefined) this.paths.set(reason, path);
    if (!this.pending.includes(reason)) this.pending.push(reason);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, this.options.debounceMs ?? 150);
  }

  /** Runs now (after a run that is going), then whatever was requested meanwhile. */
  async run(reason = FIRST_RUN): Promise<DevRunResult> {
    if (!this.pending.includes(reason)) this.pending.push(reason);
    while (this.running) await this.running;
    return this.startRun();
  }

  /** Resolves once no run is going, none is waiting and no request is being debounced. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.running) await this.running;
      else if (this.timer || this.pending.length > 0) await new Promise((done) => setTimeout(done, 25));
      else return;
    }
  }

  /** Stops taking requests and waits for the run that is going. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    if (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    if (this.running || this.pending.length === 0 || this.closed) return;
    await this.startRun();
  }

  private startRun(): Promise<DevRunResult> {
    const reasons = this.pending;
    this.pending = [];
    const run = this.runOnce(reasons).finally(() => {
      this.running = null;
      // One more run for what changed while this one went.
      if (this.pending.length > 0 && !this.timer && !this.closed) void this.drain();
    });
    this.running = run;
    return run;
  }

  private async runOnce(reasons: string[]): Promise<DevRunResult> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const named = reasons.filter((r) => r !== FIRST_RUN);
    const existing = named.filter((r) => {
      const path = this.paths.get(r);
      return path === undefined || existsSync(path);
    });
    // A file that is gone is named only when nothing else is (a removed input file).
    const shown = existing.length > 0 ? existing : named;
    for (const r of named) this.paths.delete(r);
    if (shown.length > 0) this.logger.info(`changed   ${shown.slice(0, 3).join(', ')}${shown.length > 3 ? ` and ${shown.length - 3} more` : ''}`);
    const transformed: string[] = [];
    let result: DevRunResult;
    try {
      const { exportDir, month } = await this.steps(transformed);
      result = { ok: true, reasons, seconds: seconds(), exportDir, month, transformed, error: null };
      this.logger.info(`ready     ${month} in ${seconds().toFixed(1)} s; the open pages reload`);
    } catch (error) {
      this.report(error);
      result = { ok: false, reasons, seconds: seconds(), exportDir: null, month: null, transformed, error };
    }
    this.lastResult = result;
    for (const listener of this.listeners) listener(result);
    return result;
  }

  /** The same words `npm run report` prints for a failure, then what dev does about it. */
  private report(error: unknown): void {
    if (error instanceof ReportError) {
      this.logger.error(`error: ${error.message}`, error.details);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`Unexpected error: ${message}`, error instanceof Error && error.stack ? [error.stack] : []);
    }
    this.logger.info('waiting   for the next change; the server keeps the last good data');
  }

  private async steps(transformed: string[]): Promise<{ exportDir: string; month: string }> {
    const { options, logger } = this;
    const project = await loadSqlProject(options.queriesDir, ['report_months', 'monthly_trend']);
    const warehouse = await this.openWarehouse();
    let open = true;
    let exportDir: string | null = null;
    try {
      const ingested = await timedStep(logger, 'ingest', async () => {
        const result = await ingest(warehouse, options.dataDir, { skipUnknown: options.skipUnknown ?? false, models: modelKeys(project.queries) });
        return { result, summary: result.summary };
      });
      const warnings = [...ingested.warnings];
      for (const w of ingested.warnings) logger.warn(w);
      const published = options.publishedDataDir ? await readSnapshots(options.publishedDataDir) : [];
      await writeSnapshotTable(warehouse, published);
      const inputs = [
        ...ingested.files.map((f) => `${f.path}:${f.sha256}:${f.status}`).sort(),
        ...published.map((p) => `snapshot ${p.month}:${p.published_at}:${p.model}`),
      ].join('\n');
      if (inputs !== this.inputsSignature) this.built.clear();
      this.inputsSignature = inputs;

      await this.transform(warehouse, project.queries, transformed);
      await this.check(warehouse, project.tests, warnings);

      this.sequence += 1;
      exportDir = join(options.cacheDir, 'exports', `${Date.now()}-${process.pid}-${this.sequence}`);
      const manifest = await exportReportData(
        warehouse,
        exportDir,
        { queries: project.queries, tests: project.tests, ingested, warnings, month: options.month, published, publish: false, now: options.now ?? (() => new Date()) },
        logger,
      );
      open = false;
      await this.closeWarehouse(warehouse);
      await this.checkCharts(exportDir);
      await this.publish(exportDir);
      return { exportDir, month: manifest.month };
    } catch (error) {
      if (open) await this.closeWarehouse(warehouse);
      if (exportDir) await rm(exportDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Runs the SQL files whose text changed since they were last built here, and every file downstream of them. */
  private async transform(warehouse: Warehouse, queries: QueryFile[], transformed: string[]): Promise<void> {
    const { logger } = this;
    const dirty = new Set<string>();
    const changed: QueryFile[] = [];
    const reads = tablesMentioned(queries);
    for (const q of queries) {
      // a changed queries/macros.sql changes what every file computes
      const own = this.built.get(q.name) !== builtText(q);
      if (own) changed.push(q);
      if (own || [...(reads.get(q.name) ?? [])].some((d) => dirty.has(d))) dirty.add(q.name);
    }
    for (const name of [...this.built.keys()]) if (dirty.has(name) || !queries.some((q) => q.name === name)) this.built.delete(name);
    await timedStep(logger, 'transform', async () => {
      // Row order inside tables means nothing to the SQL (exports sort), and keeping it costs DuckDB parallelism.
      await warehouse.run('set preserve_insertion_order = false');
      let martRows = 0;
      for (const q of queries) {
        if (!dirty.has(q.name)) continue;
        const rows = await runQuery(warehouse, q);
        this.built.set(q.name, builtText(q));
        transformed.push(q.name);
        if (q.layer === 'marts') martRows += rows ?? 0;
      }
      const all = dirty.size === queries.length;
      const perLayer = LAYERS.map((layer) => `${queries.filter((q) => q.layer === layer).length} ${layer}`).join(', ');
      const which = all
        ? `${plural(queries.length, 'table')} (${perLayer})`
        : dirty.size === 0
          ? `no table changed (${plural(queries.length, 'table')})`
          : `${formatCount(dirty.size)} of ${plural(queries.length, 'table')} (${changed.map((q) => q.display).join(', ')}${dirty.size > changed.length ? ` and ${plural(dirty.size - changed.length, 'file')} downstream` : ''})`;
      return { result: undefined, summary: `${which}, ${formatCount(martRows)} rows in ${all ? 'marts' : 'marts run'}` };
    });
  }

  /** Every data test, printed and judged as `npm run report` does. */
  private async check(warehouse: Warehouse, tests: DataTest[], warnings: string[]): Promise<void> {
    await checkStep(warehouse, tests, warnings, this.logger);
  }

  /**
   * The declared charts against the new export, as the site's build reads them: a
   * chart whose mart lost a column fails here, as `npm run report` fails its build,
   * instead of breaking every page of the server.
   */
  private async checkCharts(exportDir: string): Promise<void> {
    if (!this.options.chartsDir) return;
    // Loaded only when charts are declared: the site's readers bring Arrow and Vega-Lite along.
    const { checkReportData } = await import('../site/lib/data/load.ts');
    const check = checkReportData(exportDir, this.options.chartsDir);
    if (!check.ok) throw new ReportError(`build failed: ${check.problem.message}`, { exitCode: EXIT.build, cause: check.problem });
  }

  /** Points the link at the new export in one rename, then removes exports older than the one before. */
  private async publish(exportDir: string): Promise<void> {
    const { cacheDir } = this.options;
    const next = join(cacheDir, `.data-${process.pid}-${this.sequence}`);
    await rm(next, { force: true });
    await symlink(relative(cacheDir, exportDir), next);
    try {
      const info = await lstat(this.dataLink);
      // A real folder where the link belongs (not made by this runner) cannot be replaced by a rename.
      if (!info.isSymbolicLink()) await rm(this.dataLink, { recursive: true, force: true });
    } catch {
      // Not there yet.
    }
    let previous: string | null = null;
    try {
      previous = resolve(cacheDir, await readlink(this.dataLink));
    } catch {
      previous = null;
    }
    await rename(next, this.dataLink);
    const exportsDir = join(cacheDir, 'exports');
    const keep = new Set([basename(exportDir), previous ? basename(previous) : '']);
    for (const entry of await readdir(exportsDir)) {
      if (!keep.has(entry)) await rm(join(exportsDir, entry), { recursive: true, force: true });
    }
  }

  /** The warehouse, kept between runs; waits while another process (`npm run report`) holds it. */
  private async openWarehouse(): Promise<Warehouse> {
    const path = this.options.warehousePath;
    await mkdir(this.options.cacheDir, { recursive: true });
    const stamp = await fileStamp(path);
    if (stamp !== this.warehouseStamp) this.built.clear();
    let waited = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await openWarehouse(path, { fresh: false });
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
        if (/lock|Conflicting/i.test(message)) {
          if (attempt >= 120) throw new ReportError(`the warehouse ${path} has been in use by another process for a minute (${message}); close it or pass another --warehouse`);
          if (!waited) this.logger.info(`waiting   the warehouse ${path} is in use by another process`);
          waited = true;
          await new Promise((done) => setTimeout(done, 500));
          continue;
        }
        this.logger.warn(`the warehouse ${path} could not be opened (${message}); starting a new one, every input file is read again`);
        this.built.clear();
        return openWarehouse(path, { fresh: true });
      }
    }
  }

  /** Closes the warehouse and notes its file's state: a different one next time means another process wrote to it. */
  private async closeWarehouse(warehouse: Warehouse): Promise<void> {
    warehouse.close();
    this.warehouseStamp = await fileStamp(warehouse.path);
  }
}

async function fileStamp(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    return `${info.mtimeMs}:${info.size}`;
  } catch {
    return null;
  }
}

/** Editor backups, swap files and hidden files are no input. */
function ignored(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || name.startsWith('#') || /\.(swp|swx|tmp|crdownload|part)$/.test(name) || /^\d+$/.test(name);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Asks the runner for a run whenever a SQL file of the queries folder (or a folder
 * of it) or any file of the data folder is saved, added, renamed or removed.
 * `display` writes a path as the run's line names it.
 */
export function watchSources(runner: DevRunner, display: (path: string) => string = (p) => p): TreeWatcher {
  const { queriesDir, dataDir } = runner.options;
  const request = (path: string) => runner.request(display(path), path);
  const watchers = [
    watchTree(queriesDir, (path) => {
      if (!ignored(basename(path)) && (path.endsWith('.sql') || isDirectory(path))) request(path);
    }),
    watchTree(dataDir, (path) => {
      if (!ignored(basename(path))) request(path);
    }),
  ];
  return {
    close() {
      for (const watcher of watchers) watcher.close();
    },
  };
}

/** The tables each file reads, as DuckDB's parser found them (loadSqlProject refuses CTEs named like tables). */
export function tablesMentioned(queries: readonly QueryFile[]): Map<string, Set<string>> {
  return new Map(queries.map((q) => [q.name, new Set(q.dependsOn)]));
}

/** What a file's table was built from: its SQL and the macros it could call. */
function builtText(q: QueryFile): string {
  return `${q.macros?.sql ?? ''}\n${q.sql}`;
}

// The ingest step, incremental: the warehouse keeps every input file's rows
// between runs, tagged with the file's path, content hash and the loader that
// read it. A file whose hash (and loader) is unchanged is not read again; a
// changed file's rows are replaced; a file that is gone has its rows removed.
// Every changed export is recognised before any row is loaded; the changed
// exports are then loaded together in one transaction, and each own file in one
// of its own, a transaction ending by recording the hashes of its files, so a run
// that fails half-way never leaves a file marked as loaded whose rows are not all
// in. Exports are parsed in worker threads (export-workers.ts).
// touchpoints.csv and orders.csv, re-exported each month with the new month's lines
// appended, are append-aware: when the bytes the last run loaded (its record keeps
// their length and hash) are a byte prefix of the new file, only the lines after them
// are read, their line numbers continuing the file's (appendedPart); anything else
// reloads it. orders.csv has conditions of its own (loadAppended), and may also have
// its new lines on top, as a Shopify export lists the newest order first
// (prependedPart): then the rows already loaded move down by the new lines' count.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, readdir, rm, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSettings, type ReportSettings } from '../config.ts';
import { inputError, noteSecondaryFailure, testFault } from '../errors.ts';
import { writeSettingsTable } from '../settings-table.ts';
import { note } from '../notes.ts';
import { formatCount, plural } from '../log.ts';
import { appendRows, sqlString, TableAppenders, type Cell, type Warehouse } from '../warehouse.ts';
import { fileSize, isDirectory, listFiles, listingWarnings, sha256File, sha256FileAndPrefix } from './files.ts';
import {
  addedOrdersContinueLoaded, loadCampaigns, loadCosts, loadExperiments, loadFxRates, loadOrders, loadTouchpoints, prepareOrders, prepareTouchpoints, TOUCHPOINTS_HAVE_NUMBERS, type LoadResult,
} from './own-files.ts';
import { dropStage, type RejectedMoney, type Stage } from './own-csv.ts';
import { GA4_FOLDER, ga4Format, loadGa4Events, unknownGa4File } from './ga4.ts';
import { defineCustomerKey, keyFingerprint, readOrCreateKey } from './pseudonym.ts';
import { recogniseFile, type RecognisedFile } from './export-file.ts';
import { exportWorkerCount, extractExports, readAsHashed } from './export-workers.ts';
import { FILE_TABLES, PER_RUN_TABLES, RAW_TABLES, expectedColumns, type RawTable } from './raw-tables.ts';

export type InputKind = 'export' | 'organic' | 'orders' | 'touchpoints' | 'costs' | 'campaigns' | 'fx' | 'experiments' | 'ga4' | 'settings';

export interface InputFile {
  path: string;
  kind: InputKind;
  format: string | null;
  platform: string | null;
  sha256: string;
  bytes: number;
  /** Rows loaded into a raw table (daily and period ad rows, posts, days of a series, own-file rows). */
  rows: number;
  rejected: number;
  /** Totals rows dropped. */
  skipped: number;
  /** Of `rows`, the ad rows that cover a period rather than one day. */
  period_rows: number;
  /** `loaded`, or `skipped` for an unrecognised file left out with --skip-unknown. */
  status: 'loaded' | 'skipped';
  /** What a reader of the manifest should know about the file (sheets not used). */
  notes: string[];
  /** What the rejected rows of an own file held, per currency, as far as it could be read (own-csv.ts RejectedMoney). */
  rejected_money?: RejectedMoney[];
}

export interface IngestOptions {
  /** Leave unrecognised exports out with a warning instead of stopping the run. */
  skipUnknown?: boolean;
  /** The attribution models the SQL describes (catalog.ts modelKeys): report.json's attribution_model must be one of them. */
  models?: readonly string[];
}

export interface IngestResult {
  settings: ReportSettings;
  files: InputFile[];
  warnings: string[];
  /** Files read this run; the others were unchanged since the run that loaded them. */
  readThisRun: number;
  /** Of those, files of which only the lines appended since the last run were read (touchpoints.csv). */
  appendedThisRun: number;
  /** The step line: files, rows loaded, rejected, totals rows skipped. */
  summary: string;
}

interface OwnFile {
  name: string;
  kind: InputKind;
  required: boolean;
  /** Reads a big file into a temp table before its transaction (own-csv.ts, readStage). */
  prepare?: (warehouse: Warehouse, path: string, display: string) => Promise<Stage | null>;
  load: (warehouse: Warehouse, path: string, display: string, prepared?: Stage | null) => Promise<LoadResult>;
}

const OWN_FILES: readonly OwnFile[] = [
  { name: 'campaigns.csv', kind: 'campaigns', required: true, load: loadCampaigns },
  { name: 'orders.csv', kind: 'orders', required: true, prepare: prepareOrders, load: loadOrders },
  { name: 'touchpoints.csv', kind: 'touchpoints', required: false, prepare: prepareTouchpoints, load: loadTouchpoints },
  { name: 'costs.csv', kind: 'costs', required: false, load: loadCosts },
  { name: 'fx.csv', kind: 'fx', required: false, load: loadFxRates },
  { name: 'experiments.csv', kind: 'experiments', required: false, load: loadExperiments },
];

const KNOWN_TOP_LEVEL = new Set([...OWN_FILES.map((f) => f.name), 'report.json']);

interface Candidate {
  path: string;
  kind: InputKind;
  absolute: string;
  sha256: string;
  bytes: number;
  /** The file's record from the last run that loaded it, if any. */
  previous?: PreviousFile;
  /** The sha256 of the file's first bytes, as many as the last run read (touchpoints.csv, appendedPart). */
  prefix?: { bytes: number; sha256: string };
}

/**
 * What loading needs of a recognised export. Not its tables: they hold the file's decoded
 * text, and kept for every file until the load they would hold all the exports' text at
 * once (550 MB at bench scale 100). The load reads and recognises each file again
 * (export-workers.ts).
 */
interface Recognised extends Pick<RecognisedFile, 'encoding' | 'unknown'> {
  candidate: Candidate;
}

interface Counts {
  rows: number;
  rejected: number;
  skipped: number;
  periodRows: number;
}

interface PreviousFile {
  path: string;
  sha256: string;
  /** the length of the bytes that run loaded (sha256 is their hash) */
  bytes: number;
  loader: string | null;
  status: string | null;
  rows_loaded: number;
  rows_rejected: number;
  rows_skipped: number;
}

// ---------------------------------------------------------------- the warehouse side

/** Creates the raw tables that are missing; when one has another shape (an older pipeline), all are made anew. */
async function ensureRawTables(warehouse: Warehouse): Promise<boolean> {
  const existing = await warehouse.rows<{ table_name: string; column_name: string; data_type: string }>(
    `select table_name, column_name, data_type from information_schema.columns
     where table_schema = 'main' and table_name like 'raw\\_%' escape '\\' order by table_name, ordinal_position`,
  );
  const tables = (Object.keys(RAW_TABLES) as RawTable[]).filter((t) => !PER_RUN_TABLES.includes(t));
  const stale = tables.some((table) => {
    const have = existing.filter((c) => c.table_name === table);
    if (have.length === 0) return false;
    const want = expectedColumns(table);
    return have.length !== want.length || want.some((w, i) => have[i]?.column_name !== w.name || have[i]?.data_type.replace(/\s+/g, '') !== w.type);
  });
  const statements = tables.map((t) => `${stale ? 'create or replace table' : 'create table if not exists'} ${t} (${RAW_TABLES[t]});`);
  await warehouse.run(statements.join('\n'));
  return stale;
}

let codeHash: Promise<string> | null = null;

/** A hash of the ingest code itself: a changed reader reads every file again. */
function ingestCodeHash(): Promise<string> {
  codeHash ??= (async () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const entries = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts')).sort();
    const hash = createHash('sha256');
    for (const entry of entries) hash.update(entry).update(await readFile(join(dir, entry)));
    return hash.digest('hex').slice(0, 16);
  })();
  return codeHash;
}

/**
 * What a file's rows depend on besides its bytes: the ingest code, the report currency (default for exports),
 * time zone, and the customer pseudonym key (a new key, after the old one was lost, reads orders and touchpoints again).
 */
async function loaderFingerprint(settings: ReportSettings, customerKey: Buffer): Promise<string> {
  return `${await ingestCodeHash()}|${settings.currency}|${settings.timezone}|${keyFingerprint(customerKey)}`;
}

/**
 * Removes the rows a file's last load left. A file the ledger has no record of has
 * none (its rows and its record go in one transaction), and is not looked for: each
 * delete scans its whole table, which for every new file of a first run made the
 * loading of exports grow with the square of their number.
 */
async function deleteFileRows(warehouse: Warehouse, candidate: Candidate): Promise<void> {
  if (!candidate.previous) return;
  const path = candidate.path;
  for (const table of FILE_TABLES) await warehouse.run(`delete from ${table} where source_file = $path`, { path });
  await warehouse.run('delete from raw_input_files where path = $path', { path });
}

/**
 * Runs `work` in one transaction. When it fails and the ROLLBACK fails too (the
 * disk that filled up, a connection DuckDB invalidated), the load's error is the
 * one reported, with the rollback's as a detail: the second is mostly a consequence
 * of the first, and DuckDB undoes an uncommitted transaction when it opens the file anyway.
 */
async function inTransaction<T>(warehouse: Warehouse, work: () => Promise<T>): Promise<T> {
  await warehouse.run('begin transaction');
  try {
    const result = await work();
    testFault('commit-enospc', warehouse.path);
    await warehouse.run('commit');
    return result;
  } catch (error) {
    try {
      testFault('rollback');
      await warehouse.run('rollback');
    } catch (rollbackError) {
      noteSecondaryFailure(error, 'the ROLLBACK that followed', rollbackError);
    }
    throw error;
  }
}

// ---------------------------------------------------------------- the step

export async function ingest(warehouse: Warehouse, dataDir: string, options: IngestOptions = {}): Promise<IngestResult> {
  if (!(await isDirectory(dataDir))) throw inputError(`data folder not found: ${dataDir}`);
  const warnings: string[] = [];

  const settingsPath = join(dataDir, 'report.json');
  const settingsBytes = await fileSize(settingsPath);
  const settings = await readSettings(settingsPath, 'report.json', options.models);
  await warehouse.run(`set TimeZone = ${sqlString(settings.timezone)}`);
  // Rows go into the raw tables in file order (own files number their lines by it); transform turns this off.
  await warehouse.run('set preserve_insertion_order = true');
  // Customer ids and e-mail addresses enter the warehouse only as keyed hashes (pseudonym.ts).
  const { key: customerKey } = await readOrCreateKey(warehouse.path);
  await defineCustomerKey(warehouse, customerKey);
  if (settingsBytes === null) warnings.push(note('settingsMissing', {}, `report.json not found in ${dataDir}; using the default settings`));

  await ensureRawTables(warehouse);
  const candidates = await findCandidates(dataDir, settingsBytes, warnings, await appendAwareLengths(warehouse));

  const loader = await loaderFingerprint(settings, customerKey);
  const changed = await changedSinceLastRun(warehouse, candidates, loader);

  // Validate everything, then load: every changed export is recognised first (one file's bytes in memory at a time).
  const recognised: Recognised[] = [];
  for (const candidate of changed.filter((c) => c.kind === 'export' || c.kind === 'organic')) {
    const { encoding, unknown } = await recogniseFile(candidate.path, await readAsHashed(candidate));
    const file: Recognised = { encoding, unknown, candidate };
    if (file.unknown && !options.skipUnknown) throw file.unknown;
    recognised.push(file);
  }

  await removeGoneFiles(warehouse, candidates);
  await loadExports(warehouse, recognised, settings, loader);
  let appended = 0;
  for (const candidate of changed.filter((c) => c.kind !== 'export' && c.kind !== 'organic')) {
    if (await loadOwnFile(warehouse, candidate, loader)) appended++;
  }

  // raw_report_settings is rewritten on every run.
  await writeSettingsTable(warehouse, settings);

  const files = await currentFiles(warehouse);
  warnings.push(...(await fileWarnings(warehouse, files)));
  return { settings, files, warnings, readThisRun: changed.length, appendedThisRun: appended, summary: ingestSummary(files, candidates.length - changed.length, appended) };
}

/**
 * Every current input file of the data folder, with its content hash: report.json,
 * each file under exports/, organic/ and ga4/, and the own files. Stops when a required own
 * file is missing; warns about files the input folder contract does not name.
 */
async function findCandidates(dataDir: string, settingsBytes: number | null, warnings: string[], previousBytes: ReadonlyMap<string, number>): Promise<Candidate[]> {
  for (const own of OWN_FILES) {
    if (own.required && (await fileSize(join(dataDir, own.name))) === null) {
      throw inputError(`${own.name} is missing in ${dataDir}: every data folder needs ${own.name} (see the input folder contract in the README)`);
    }
  }

  const candidates: Candidate[] = [];
  const settingsPath = join(dataDir, 'report.json');
  if (settingsBytes !== null) candidates.push({ path: 'report.json', kind: 'settings', absolute: settingsPath, sha256: await sha256File(settingsPath), bytes: settingsBytes });
  for (const folder of ['exports', 'organic'] as const) {
    const listing = await listFiles(join(dataDir, folder), dataDir);
    warnings.push(...listingWarnings(listing));
    for (const path of listing.files) {
      const absolute = join(dataDir, path);
      candidates.push({ path, kind: folder === 'exports' ? 'export' : 'organic', absolute, sha256: await sha256File(absolute), bytes: (await fileSize(absolute)) ?? 0 });
    }
  }
  // ga4/: the GA4 BigQuery export's events tables (ga4.ts); any other file there is an error that names it
  const ga4 = await listFiles(join(dataDir, GA4_FOLDER), dataDir);
  warnings.push(...listingWarnings(ga4));
  for (const path of ga4.files) {
    if (!ga4Format(path)) throw unknownGa4File(path);
    const absolute = join(dataDir, path);
    candidates.push({ path, kind: 'ga4', absolute, sha256: await sha256File(absolute), bytes: (await fileSize(absolute)) ?? 0 });
  }
  for (const own of OWN_FILES) {
    const absolute = join(dataDir, own.name);
    const bytes = await fileSize(absolute);
    if (bytes === null) {
      if (own.kind === 'touchpoints' && ga4.files.length === 0) warnings.push(note('touchpointsMissing', {}, 'touchpoints.csv not found: only coupon codes and the utm fields of orders can attribute revenue'));
      continue;
    }
    const old = previousBytes.get(own.name);
    const hashed = await sha256FileAndPrefix(absolute, old !== undefined && old < bytes ? old : null);
    candidates.push({ path: own.name, kind: own.kind, absolute, sha256: hashed.sha256, bytes, ...(hashed.prefix !== null ? { prefix: { bytes: old!, sha256: hashed.prefix } } : {}) });
  }
  const topLevel = await listFiles(dataDir, dataDir);
  for (const top of topLevel.files) {
    if (!top.includes('/') && !KNOWN_TOP_LEVEL.has(top)) warnings.push(note('notInContract', { path: top }, `${top}: not part of the input folder contract; ignored`));
  }
  for (const skipped of topLevel.skipped) {
    if (!skipped.path.includes('/')) warnings.push(`${skipped.path}: not read, ${skipped.why}`);
  }
  return candidates;
}

/** The own files whose lines appended since the last run may be read alone (loadAppended). */
const APPEND_AWARE: readonly InputKind[] = ['touchpoints', 'orders'];

/**
 * That an append-aware file's last full read was straight (own-csv.ts ReadStraight: UTF-8
 * from the file, every number cell plain), kept with its rows in raw_ingest_notes under a
 * severity no report shows: lines appended later may then be read alone.
 */
const READ_STRAIGHT_NOTE = { severity: 'layout', message: 'read as UTF-8, every number cell plain (49.90)' } as const;

/** How many bytes the last run read of each file that may have been appended to since (APPEND_AWARE). */
async function appendAwareLengths(warehouse: Warehouse): Promise<Map<string, number>> {
  const appendAware = OWN_FILES.filter((own) => APPEND_AWARE.includes(own.kind)).map((own) => own.name);
  const rows = await warehouse.rows<{ path: string; bytes: bigint }>(
    `select path, bytes::bigint as bytes from raw_input_files where status = 'loaded' and path in (${appendAware.map(sqlString).join(', ')})`,
  );
  return new Map(rows.map((r) => [r.path, Number(r.bytes)]));
}

/** The candidates to read this run: new, changed, read by another loader, or skipped last time. */
async function changedSinceLastRun(warehouse: Warehouse, candidates: Candidate[], loader: string): Promise<Candidate[]> {
  const previous = new Map(
    (await warehouse.rows<PreviousFile>('select path, sha256, bytes::bigint as bytes, loader, status, rows_loaded, rows_rejected, rows_skipped from raw_input_files')).map((p) => [
      p.path, { ...p, bytes: Number(p.bytes) },
    ]),
  );
  for (const c of candidates) {
    const p = previous.get(c.path);
    if (p) c.previous = p;
  }
  const isUnchanged = (c: Candidate) => {
    const p = previous.get(c.path);
    return p !== undefined && p.sha256 === c.sha256 && p.loader === loader && p.status === 'loaded';
  };
  return candidates.filter((c) => !isUnchanged(c));
}

/** Files that are gone take their rows with them (another --data folder replaces everything). */
async function removeGoneFiles(warehouse: Warehouse, candidates: readonly Candidate[]): Promise<void> {
  await inTransaction(warehouse, async () => {
    await warehouse.run('create or replace temp table _current_inputs (path varchar)');
    await appendRows(warehouse, '_current_inputs', candidates.map((c) => [c.path]));
    for (const table of FILE_TABLES) await warehouse.run(`delete from ${table} where source_file not in (select path from _current_inputs)`);
    await warehouse.run('delete from raw_input_files where path not in (select path from _current_inputs)');
    await warehouse.run('drop table _current_inputs');
  });
}

const NO_ROWS: Counts = { rows: 0, rejected: 0, skipped: 0, periodRows: 0 };

/** A file's ledger row: its hash and the loader that read it, with what it gave. */
function fileRecord(loader: string, c: Candidate, format: string | null, platform: string | null, encoding: string | null, counts: Counts, status: 'loaded' | 'skipped'): Cell[] {
  return [c.path, c.kind, format, platform, c.sha256, c.bytes, encoding, counts.rows, counts.rejected, counts.skipped, loader, counts.periodRows, status];
}

/** Records a file as read, in the transaction that loaded its rows. */
function recordFile(warehouse: Warehouse, loader: string, c: Candidate, format: string | null, platform: string | null, encoding: string | null, counts: Counts, status: 'loaded' | 'skipped') {
  return appendRows(warehouse, 'raw_input_files', [fileRecord(loader, c, format, platform, encoding, counts, status)]);
}

/**
 * Loads the changed exports in one transaction, in their order, while worker threads
 * parse the files after the one being loaded (export-workers.ts). The rows a file's
 * last load left go first; each file's rows, notes and ledger record then go in
 * through appenders kept open across files. One transaction, not one per file: a
 * commit and a set of appenders per file cost more than a small export's rows, and a
 * failure still leaves no file recorded as loaded without its rows (the next run
 * reads every one of them again). An unknown file (--skip-unknown) is recorded as
 * skipped with its warning.
 */
async function loadExports(warehouse: Warehouse, files: readonly Recognised[], settings: ReportSettings, loader: string): Promise<void> {
  if (files.length === 0) return;
  const known = files.filter((f) => !f.unknown);
  const workers = exportWorkerCount(known.reduce((n, f) => n + f.candidate.bytes, 0));
  const parsed = extractExports(known.map((f) => f.candidate), settings.currency, { workers });
  try {
    await inTransaction(warehouse, async () => {
      for (const file of files) await deleteFileRows(warehouse, file.candidate);
      const appenders = new TableAppenders(warehouse);
      try {
        for (const file of files) {
          if (file.unknown) {
            await appenders.append('raw_ingest_notes', [[file.candidate.path, 'warning', `${file.unknown.message}; skipped (--skip-unknown)`]]);
            await appenders.append('raw_input_files', [fileRecord(loader, file.candidate, null, null, file.encoding, NO_ROWS, 'skipped')]);
            continue;
          }
          const next = await parsed.next();
          if (next.done) throw new Error(`no parsed rows came back for ${file.candidate.path}`);
          const extracted = next.value;
          for (const [table, rows] of Object.entries(extracted.rows)) await appenders.append(table, rows);
          await appenders.append('raw_ingest_notes', extracted.notes.map((n) => [file.candidate.path, n.severity, n.message]));
          const counts = { rows: extracted.loaded, rejected: extracted.rejected, skipped: extracted.totalsDropped, periodRows: extracted.periodRows };
          await appenders.append('raw_input_files', [
            fileRecord(loader, file.candidate, extracted.formats.join('+'), extracted.platforms.join('+') || null, file.encoding, counts, 'loaded'),
          ]);
        }
      } finally {
        appenders.close();
      }
    });
  } finally {
    await parsed.return(undefined);
  }
}

/**
 * Replaces one own file's rows (or records report.json) in one transaction; a big file is read into a temp table before it.
 * touchpoints.csv grown by appended lines only has those loaded (appendedPart); returns whether it was.
 */
async function loadOwnFile(warehouse: Warehouse, candidate: Candidate, loader: string): Promise<boolean> {
  if (candidate.kind === 'ga4') {
    await loadGa4File(warehouse, candidate, loader);
    return false;
  }
  if (APPEND_AWARE.includes(candidate.kind) && (await loadAppended(warehouse, candidate, loader))) return true;
  const ownFile = OWN_FILES.find((o) => o.name === candidate.path);
  const prepared = ownFile?.prepare ? await ownFile.prepare(warehouse, candidate.absolute, ownFile.name) : null;
  await inTransaction(warehouse, async () => {
    await deleteFileRows(warehouse, candidate);
    if (candidate.kind === 'settings') {
      await recordFile(warehouse, loader, candidate, null, null, null, { ...NO_ROWS, rows: 1 }, 'loaded');
      return;
    }
    const own = ownFile!;
    const result: LoadResult = await own.load(warehouse, candidate.absolute, own.name, prepared);
    await recordFile(warehouse, loader, candidate, own.kind, null, null, { rows: result.rows, rejected: result.rejected, skipped: result.skipped, periodRows: 0 }, 'loaded');
    // kept with the file, so an unchanged file's report says again what its rejected rows held
    await appendRows(warehouse, 'raw_ingest_notes', (result.rejectedMoney ?? []).map((m) => [candidate.path, 'rejected_money', JSON.stringify(m)]));
    if (APPEND_AWARE.includes(candidate.kind) && result.straight) await appendRows(warehouse, 'raw_ingest_notes', [[candidate.path, READ_STRAIGHT_NOTE.severity, READ_STRAIGHT_NOTE.message]]);
  });
  return false;
}

const NEWLINE = 0x0a;

/** The sha256 of a file's first `bytes` bytes. */
async function prefixHash(path: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  if (bytes > 0) for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * When the bytes the last run loaded are a byte prefix of the file now (same length
 * and hash over that prefix; the same loader, so the same header, code, settings and
 * key), a file in a temp folder beside the warehouse that holds the header line and
 * the lines appended since: read on its own, with its lines numbered after the
 * `records` the last run read, it gives the rows a whole read gives those lines.
 * Null whenever that cannot be said for sure: then the whole file is read.
 * Safe only for a file read as UTF-8 one line per record from the first line on:
 * no UTF-16, no `sep=` line, a prefix ending in one line break after a non-empty
 * line, appended bytes that are valid UTF-8 (a Windows-1252 byte anywhere makes a
 * whole read take the entire file as Windows-1252).
 */
async function appendedPart(
  path: string,
  bytes: number,
  previous: PreviousFile,
  warehousePath: string,
  known: Candidate['prefix'],
): Promise<{ file: string; dir: string } | null> {
  const old = previous.bytes;
  if (!(old > 0) || bytes <= old) return null;
  const handle = await open(path, 'r');
  let header: Buffer | null;
  try {
    header = await headerLine(handle, old);
    // the prefix ends in one line break, after a non-empty line
    if (!header || !(await endsLine(handle, 0, old))) return null;
  } finally {
    await handle.close();
  }
  const prefix = known?.bytes === old ? known.sha256 : await prefixHash(path, old);
  if (prefix !== previous.sha256) return null;
  return partFile(path, warehousePath, header, old, bytes);
}

/**
 * A Shopify orders export lists the newest order first, so one downloaded again a
 * month later has the new orders at the top: when the file is its first line (the
 * header) followed by new lines and then every byte the last run loaded after that
 * header (the header and that end hash to the last run's SHA-256), a file in a temp
 * folder beside the warehouse that holds the header and the new lines. Read on its own
 * its lines are numbered from 2 on, as in the whole file; the rows already loaded move
 * down by the new records' count (loadAppended). Null whenever that cannot be said for
 * sure, on the terms of appendedPart: then the whole file is read.
 */
async function prependedPart(path: string, bytes: number, previous: PreviousFile, warehousePath: string): Promise<{ file: string; dir: string } | null> {
  const old = previous.bytes;
  if (!(old > 0) || bytes <= old) return null;
  const handle = await open(path, 'r');
  let header: Buffer | null;
  let partEnd: number;
  try {
    header = await headerLine(handle, old);
    if (!header) return null;
    // the new lines: from the header's end to where the old bytes after the header begin
    partEnd = bytes - (old - header.length);
    // they end in one line break, after a non-empty line
    if (partEnd <= header.length || !(await endsLine(handle, header.length, partEnd))) return null;
  } finally {
    await handle.close();
  }
  const hash = createHash('sha256').update(header);
  for await (const chunk of createReadStream(path, { start: partEnd, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk);
  if (hash.digest('hex') !== previous.sha256) return null;
  return partFile(path, warehousePath, header, header.length, partEnd);
}

/**
 * The file's first line, line break included, when the file is one a part of can be
 * read alone (appendedPart): not UTF-16, no Excel `sep=` line, and a first line shorter
 * than the `old` bytes the last run loaded.
 */
async function headerLine(handle: FileHandle, old: number): Promise<Buffer | null> {
  const head = Buffer.alloc(Math.min(old, 64 * 1024));
  await handle.read(head, 0, head.length, 0);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return null;
  if (/^"?sep=/i.test(head.toString('utf8').replace(/^\uFEFF/, ''))) return null;
  const end = head.indexOf(NEWLINE);
  if (end < 0 || end + 1 >= old) return null;
  return Buffer.from(head.subarray(0, end + 1));
}

/** Whether the bytes before `at` (none before `from` counted) end in one line break after a non-empty line. */
async function endsLine(handle: FileHandle, from: number, at: number): Promise<boolean> {
  const tail = Buffer.alloc(3);
  const tailFrom = Math.max(from, at - 3);
  await handle.read(tail, 0, at - tailFrom, tailFrom);
  const t = tail.subarray(0, at - tailFrom);
  if (t.at(-1) !== NEWLINE) return false;
  const before = t.at(-2) === 0x0d ? t.at(-3) : t.at(-2);
  return before !== undefined && before !== NEWLINE;
}

/**
 * A temp folder beside the warehouse with a file of the header and the file's bytes
 * from `start` to `end`, to be read alone; null (nothing left behind) when those bytes
 * are not UTF-8, or the copy failed: then the whole file is read.
 */
async function partFile(path: string, warehousePath: string, header: Buffer, start: number, end: number): Promise<{ file: string; dir: string } | null> {
  const dir = await mkdtemp(join(dirname(warehousePath), '.part-'));
  const file = join(dir, 'part.csv');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    const out = createWriteStream(file);
    out.write(header);
    await pipeline(
      createReadStream(path, { start, end: end - 1 }),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          utf8.decode(chunk, { stream: true });
          yield chunk;
        }
        utf8.decode();
      },
      out,
    );
    return { file, dir };
  } catch {
    await rm(dir, { recursive: true, force: true });
    return null;
  }
}

/** Thrown inside loadAppended's transaction when the part read alone would not give what a whole read gives: rolled back, the whole file is read. */
class ReadWholeFile extends Error {}

/**
 * Loads only the lines appended to touchpoints.csv or orders.csv since the last run (of
 * orders.csv also lines added on top, prependedPart), in one transaction that ends by
 * recording the whole file's hash, length and counts;
 * false (nothing done) when the file is not the last one plus appended lines, or its
 * appended part cannot be read on its own (a whole read then says why).
 *
 * A file's rows are its lines' only while nothing in the file reaches across lines,
 * so the appended part is read alone only when
 *   - the last full read and the part were read straight (READ_STRAIGHT_NOTE): the
 *     encoding and the decimal separator are decided for a whole file;
 *   - of orders.csv, the last read and the part rejected no row (a Shopify rejection
 *     names the order's first line), and in Shopify's layout the part names no order
 *     the file already had: an order's line items are folded into the order's first
 *     line, wherever they stand.
 * Otherwise the part's rows are rolled back and the whole file is read. (A part of
 * orders.csv whose numbers are not plain has had loadOwnCsv delete the file's rows to
 * load the part again in its number layout: the rollback undoes that too.)
 */
async function loadAppended(warehouse: Warehouse, candidate: Candidate, loader: string): Promise<boolean> {
  const previous = candidate.previous;
  if (!previous || previous.loader !== loader || previous.status !== 'loaded') return false;
  if (candidate.kind === 'touchpoints' && TOUCHPOINTS_HAVE_NUMBERS) return false;
  const orders = candidate.kind === 'orders';
  if ((orders && previous.rows_rejected > 0) || !(await hasNote(warehouse, candidate.path, READ_STRAIGHT_NOTE))) return false;
  const appended = await appendedPart(candidate.absolute, candidate.bytes, previous, warehouse.path, candidate.prefix);
  const part = appended ?? (orders ? await prependedPart(candidate.absolute, candidate.bytes, previous, warehouse.path) : null);
  if (!part) return false;
  try {
    // lines appended: numbered after every record the last run read (loaded, rejected, or a Shopify line item); lines on top: from 2 on
    const records = appended ? previous.rows_loaded + previous.rows_rejected + previous.rows_skipped : 0;
    let prepared;
    try {
      prepared = orders ? await prepareOrders(warehouse, part.file, candidate.path, records) : await prepareTouchpoints(warehouse, part.file, candidate.path, records);
    } catch {
      return false;
    }
    try {
      await inTransaction(warehouse, async () => {
        if (orders && prepared && (await addedOrdersContinueLoaded(warehouse, prepared, candidate.path))) throw new ReadWholeFile();
        await warehouse.run('delete from raw_input_files where path = $path', { path: candidate.path });
        if (!appended) {
          // new orders on top: the rows already loaded (none of them rejected, see above) move down by the new records
          if (!prepared) throw new ReadWholeFile();
          await warehouse.run('update raw_orders set source_line = source_line + $records where source_file = $file', { records: prepared.rows, file: candidate.path });
        }
        const result = orders ? await loadOrders(warehouse, part.file, candidate.path, prepared) : await loadTouchpoints(warehouse, part.file, candidate.path, prepared);
        if (!result.straight || (orders && result.rejected > 0)) throw new ReadWholeFile();
        await recordFile(warehouse, loader, candidate, candidate.kind, null, null, {
          rows: previous.rows_loaded + result.rows, rejected: previous.rows_rejected + result.rejected, skipped: previous.rows_skipped + result.skipped, periodRows: 0,
        }, 'loaded');
      });
    } catch (error) {
      if (!(error instanceof ReadWholeFile)) throw error;
      if (prepared) await dropStage(warehouse, { table: prepared.view, base: prepared.base });
      return false;
    }
    return true;
  } finally {
    await rm(part.dir, { recursive: true, force: true });
  }
}

/** Whether raw_ingest_notes keeps this note for the file. */
async function hasNote(warehouse: Warehouse, path: string, note: { severity: string; message: string }): Promise<boolean> {
  const rows = await warehouse.rows('select 1 from raw_ingest_notes where source_file = $path and severity = $severity and message = $message limit 1', { path, ...note });
  return rows.length > 0;
}

/** Replaces one file of the GA4 export's rows in one transaction. */
async function loadGa4File(warehouse: Warehouse, candidate: Candidate, loader: string): Promise<void> {
  const format = ga4Format(candidate.path)!;
  await inTransaction(warehouse, async () => {
    await deleteFileRows(warehouse, candidate);
    const result = await loadGa4Events(warehouse, candidate.absolute, candidate.path, format);
    await recordFile(warehouse, loader, candidate, format, null, null, { rows: result.rows, rejected: 0, skipped: 0, periodRows: 0 }, 'loaded');
  });
}

/** The step line: files by kind, how many were unchanged, rows loaded, rejected, totals rows skipped and order line items. */
function ingestSummary(files: readonly InputFile[], unchanged: number, appended = 0): string {
  const exports = files.filter((f) => f.kind === 'export' && f.status === 'loaded').length;
  const organic = files.filter((f) => f.kind === 'organic' && f.status === 'loaded').length;
  const ga4 = files.filter((f) => f.kind === 'ga4').length;
  const skippedFiles = files.filter((f) => f.status === 'skipped').length;
  const total = (key: 'rows' | 'rejected' | 'skipped') => files.reduce((n, f) => n + f[key], 0);
  // the rows an own file skips are the line items of a Shopify export, folded into their orders; not totals rows
  const lineItems = files.filter((f) => f.kind === 'orders').reduce((n, f) => n + f.skipped, 0);
  const parts = [
    plural(exports, 'platform export'),
    ...(organic ? [plural(organic, 'organic export')] : []),
    ...(ga4 ? [plural(ga4, 'GA4 export file')] : []),
    ...(skippedFiles ? [`${formatCount(skippedFiles)} unrecognised, skipped`] : []),
  ];
  const reuse = (unchanged > 0 ? `; ${formatCount(unchanged)} unchanged since the last run` : '') + (appended > 0 ? `; ${formatCount(appended)} read from the lines added since` : '');
  return `${plural(files.length, 'file')} (${parts.join(', ')}${reuse}), ${formatCount(total('rows'))} rows loaded, ${formatCount(total('rejected'))} rejected, ${formatCount(total('skipped') - lineItems)} totals rows skipped${lineItems ? `, ${formatCount(lineItems)} order line items read into their orders` : ''}`;
}

async function currentFiles(warehouse: Warehouse): Promise<InputFile[]> {
  const rows = await warehouse.rows<{
    path: string; kind: InputKind; format: string | null; platform: string | null; sha256: string; bytes: bigint | number;
    rows_loaded: number; rows_rejected: number; rows_skipped: number; period_rows: number | null; status: string | null;
  }>('select * from raw_input_files order by path');
  const notes = await warehouse.rows<{ source_file: string; message: string }>(
    "select source_file, message from raw_ingest_notes where severity = 'note' order by source_file, message",
  );
  const money = await warehouse.rows<{ source_file: string; message: string }>(
    "select source_file, message from raw_ingest_notes where severity = 'rejected_money' order by source_file, rowid",
  );
  return rows.map((r) => ({
    path: r.path,
    kind: r.kind,
    format: r.format,
    platform: r.platform,
    sha256: r.sha256,
    bytes: Number(r.bytes),
    rows: r.rows_loaded,
    rejected: r.rows_rejected,
    skipped: r.rows_skipped,
    period_rows: r.period_rows ?? 0,
    status: r.status === 'skipped' ? 'skipped' : 'loaded',
    notes: notes.filter((n) => n.source_file === r.path).map((n) => n.message),
    ...(money.some((m) => m.source_file === r.path)
      ? { rejected_money: money.filter((m) => m.source_file === r.path).map((m) => JSON.parse(m.message) as RejectedMoney) }
      : {}),
  }));
}

/** The warnings each file gave when it was read (kept, so an unchanged file warns again), and its rejected rows. */
async function fileWarnings(warehouse: Warehouse, files: InputFile[]): Promise<string[]> {
  const warnings: string[] = [];
  const stored = await warehouse.rows<{ source_file: string; message: string }>(
    "select source_file, message from raw_ingest_notes where severity = 'warning' order by source_file, rowid",
  );
  for (const file of files) {
    warnings.push(...stored.filter((w) => w.source_file === file.path).map((w) => w.message));
    // BigQuery writes no empty daily table: an empty file is a failed or cut download, and that day's journeys are missing
    if (file.kind === 'ga4' && file.rows === 0) {
      warnings.push(note('ga4FileEmpty', { file: file.path }, `${file.path}: no event in it (an empty or failed download?): the journeys of its days are missing, and their orders fall back to touchpoints.csv or their utm fields`));
    }
    if (file.rejected > 0) {
      const first = await warehouse.rows<{ source_line: number | null; column_name: string | null; reason: string; source_sheet: string | null }>(
        'select source_line, column_name, reason, source_sheet from raw_rejected_rows where source_file = $file order by source_sheet nulls first, source_line limit 1',
        { file: file.path },
      );
      const f = first[0];
      const example = f ? ` (first: ${f.source_sheet ? `sheet "${f.source_sheet}" ` : ''}line ${f.source_line}${f.column_name ? `, column "${f.column_name}"` : ''}: ${f.reason})` : '';
      warnings.push(note('rowsRejected', { file: file.path, rows: file.rejected }, `${file.path}: ${file.rejected} row${file.rejected === 1 ? '' : 's'} rejected${example}`));
    }
  }
  return warnings;
}


// The ingest step, incremental: the warehouse keeps every input file's rows
// between runs, tagged with the file's path, content hash and the loader that
// read it. A file whose hash (and loader) is unchanged is not read again; a
// changed file's rows are replaced; a file that is gone has its rows removed.
// Every changed export is recognised before any row is loaded, and each file
// is loaded in one transaction that ends by recording its hash, so a run that
// fails half-way never leaves a file marked as loaded whose rows are not all in.
import { readFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSettings, type ReportSettings } from '../config.ts';
import { inputError, noteSecondaryFailure, testFault } from '../errors.ts';
import { writeSettingsTable } from '../settings-table.ts';
import { note } from '../notes.ts';
import { formatCount, plural } from '../log.ts';
import { appendRows, sqlString, type Cell, type Warehouse } from '../warehouse.ts';
import { fileSize, isDirectory, listFiles, listingWarnings, sha256File } from './files.ts';
import { loadCampaigns, loadCosts, loadExperiments, loadFxRates, loadOrders, loadTouchpoints, prepareOrders, prepareTouchpoints, type LoadResult } from './own-files.ts';
import type { RejectedMoney, Stage } from './own-csv.ts';
import { GA4_FOLDER, ga4Format, loadGa4Events, unknownGa4File } from './ga4.ts';
import { defineCustomerKey, keyFingerprint, readOrCreateKey } from './pseudonym.ts';
import { extractFile, recogniseFile, type RecognisedFile } from './export-file.ts';
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
  content?: Uint8Array;
}

interface Recognised extends RecognisedFile {
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
  loader: string | null;
  status: string | null;
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

async function deleteFileRows(warehouse: Warehouse, path: string): Promise<void> {
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

  const candidates = await findCandidates(dataDir, settingsBytes, warnings);

  await ensureRawTables(warehouse);
  const loader = await loaderFingerprint(settings, customerKey);
  const changed = await changedSinceLastRun(warehouse, candidates, loader);

  // Validate everything, then load: every changed export is recognised first.
  const recognised: Recognised[] = [];
  for (const candidate of changed.filter((c) => c.kind === 'export' || c.kind === 'organic')) {
    const file: Recognised = { ...(await recogniseFile(candidate.path, candidate.content ?? new Uint8Array(await readFile(candidate.absolute)))), candidate };
    if (file.unknown && !options.skipUnknown) throw file.unknown;
    recognised.push(file);
  }

  await removeGoneFiles(warehouse, candidates);
  for (const file of recognised) {
    await loadExport(warehouse, file, settings, loader);
    delete file.candidate.content;
  }
  for (const candidate of changed.filter((c) => c.kind !== 'export' && c.kind !== 'organic')) await loadOwnFile(warehouse, candidate, loader);

  // raw_report_settings is rewritten on every run.
  await writeSettingsTable(warehouse, settings);

  const files = await currentFiles(warehouse);
  warnings.push(...(await fileWarnings(warehouse, files)));
  return { settings, files, warnings, readThisRun: changed.length, summary: ingestSummary(files, candidates.length - changed.length) };
}

/**
 * Every current input file of the data folder, with its content hash: report.json,
 * each file under exports/ and organic/ (read into memory, since it is hashed and
 * recognised from the same bytes), and the own files. Stops when a required own
 * file is missing; warns about files the input folder contract does not name.
 */
async function findCandidates(dataDir: string, settingsBytes: number | null, warnings: string[]): Promise<Candidate[]> {
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
      const content = new Uint8Array(await readFile(absolute));
      candidates.push({ path, kind: folder === 'exports' ? 'export' : 'organic', absolute, sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length, content });
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
    candidates.push({ path: own.name, kind: own.kind, absolute, sha256: await sha256File(absolute), bytes });
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

/** The candidates to read this run: new, changed, read by another loader, or skipped last time. An unchanged file's bytes are let go. */
async function changedSinceLastRun(warehouse: Warehouse, candidates: Candidate[], loader: string): Promise<Candidate[]> {
  const previous = new Map(
    (await warehouse.rows<PreviousFile>('select path, sha256, loader, status from raw_input_files')).map((p) => [p.path, p]),
  );
  const isUnchanged = (c: Candidate) => {
    const p = previous.get(c.path);
    return p !== undefined && p.sha256 === c.sha256 && p.loader === loader && p.status === 'loaded';
  };
  const changed = candidates.filter((c) => !isUnchanged(c));
  for (const c of candidates) if (isUnchanged(c)) delete c.content;
  return changed;
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

/** Records a file as read (its hash and the loader), in the transaction that loaded its rows. */
function recordFile(warehouse: Warehouse, loader: string, c: Candidate, format: string | null, platform: string | null, encoding: string | null, counts: Counts, status: 'loaded' | 'skipped') {
  return appendRows(warehouse, 'raw_input_files', [[
    c.path, c.kind, format, platform, c.sha256, c.bytes, encoding, counts.rows, counts.rejected, counts.skipped, loader, counts.periodRows, status,
  ]]);
}

/** Replaces one export's rows in one transaction; an unknown file (--skip-unknown) is recorded as skipped with its warning. */
async function loadExport(warehouse: Warehouse, file: Recognised, settings: ReportSettings, loader: string): Promise<void> {
  await inTransaction(warehouse, async () => {
    await deleteFileRows(warehouse, file.candidate.path);
    if (file.unknown) {
      await appendRows(warehouse, 'raw_ingest_notes', [[file.candidate.path, 'warning', `${file.unknown.message}; skipped (--skip-unknown)`]]);
      await recordFile(warehouse, loader, file.candidate, null, null, file.encoding, NO_ROWS, 'skipped');
      return;
    }
    const extracted = extractFile(file, settings);
    for (const [table, rows] of Object.entries(extracted.rows)) await appendRows(warehouse, table, rows);
    await appendRows(warehouse, 'raw_ingest_notes', extracted.notes.map((n) => [file.candidate.path, n.severity, n.message]));
    const counts = { rows: extracted.loaded, rejected: extracted.rejected, skipped: extracted.totalsDropped, periodRows: extracted.periodRows };
    await recordFile(warehouse, loader, file.candidate, extracted.formats.join('+'), extracted.platforms.join('+') || null, file.encoding, counts, 'loaded');
  });
}

/** Replaces one own file's rows (or records report.json) in one transaction; a big file is read into a temp table before it. */
async function loadOwnFile(warehouse: Warehouse, candidate: Candidate, loader: string): Promise<void> {
  if (candidate.kind === 'ga4') return loadGa4File(warehouse, candidate, loader);
  const ownFile = OWN_FILES.find((o) => o.name === candidate.path);
  const prepared = ownFile?.prepare ? await ownFile.prepare(warehouse, candidate.absolute, ownFile.name) : null;
  await inTransaction(warehouse, async () => {
    await deleteFileRows(warehouse, candidate.path);
    if (candidate.kind === 'settings') {
      await recordFile(warehouse, loader, candidate, null, null, null, { ...NO_ROWS, rows: 1 }, 'loaded');
      return;
    }
    const own = ownFile!;
    const result: LoadResult = await own.load(warehouse, candidate.absolute, own.name, prepared);
    await recordFile(warehouse, loader, candidate, own.kind, null, null, { rows: result.rows, rejected: result.rejected, skipped: result.skipped, periodRows: 0 }, 'loaded');
    // kept with the file, so an unchanged file's report says again what its rejected rows held
    await appendRows(warehouse, 'raw_ingest_notes', (result.rejectedMoney ?? []).map((m) => [candidate.path, 'rejected_money', JSON.stringify(m)]));
  });
}

/** Replaces one file of the GA4 export's rows in one transaction. */
async function loadGa4File(warehouse: Warehouse, candidate: Candidate, loader: string): Promise<void> {
  const format = ga4Format(candidate.path)!;
  await inTransaction(warehouse, async () => {
    await deleteFileRows(warehouse, candidate.path);
    const result = await loadGa4Events(warehouse, candidate.absolute, candidate.path, format);
    await recordFile(warehouse, loader, candidate, format, null, null, { rows: result.rows, rejected: 0, skipped: 0, periodRows: 0 }, 'loaded');
  });
}

/** The step line: files by kind, how many were unchanged, rows loaded, rejected, totals rows skipped and order line items. */
function ingestSummary(files: readonly InputFile[], unchanged: number): string {
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
  const reuse = unchanged > 0 ? `; ${formatCount(unchanged)} unchanged since the last run` : '';
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


// The ingest step: every file of the data folder is recognised before any row
// is loaded, then each is parsed and loaded into its raw table with its
// content hash. Rows that cannot be loaded are kept in raw_rejected_rows.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readSettings, type ReportSettings } from '../config.ts';
import { inputError } from '../errors.ts';
import { appendRows, type Warehouse } from '../warehouse.ts';
import { fileSize, isDirectory, listFiles, sha256File } from './files.ts';
import { loadCampaigns, loadCosts, loadFxRates, loadOrders, loadTouchpoints, type LoadResult } from './own-files.ts';
import { parseExport, recogniseExport, unrecognisedExport, type HeaderMatch, type Rejection } from './platform-export.ts';
import { rawTableDdl } from './raw-tables.ts';
import { decodeBytes, isZipArchive, type DecodedText } from './text.ts';

export interface InputFile {
  path: string;
  kind: 'export' | 'orders' | 'touchpoints' | 'costs' | 'campaigns' | 'fx' | 'settings';
  format: string | null;
  platform: string | null;
  sha256: string;
  bytes: number;
  rows: number;
  rejected: number;
  skipped: number;
}

export interface IngestResult {
  settings: ReportSettings;
  files: InputFile[];
  warnings: string[];
}

const OWN_FILES = [
  { name: 'campaigns.csv', kind: 'campaigns', required: true, load: loadCampaigns },
  { name: 'orders.csv', kind: 'orders', required: true, load: loadOrders },
  { name: 'touchpoints.csv', kind: 'touchpoints', required: false, load: loadTouchpoints },
  { name: 'costs.csv', kind: 'costs', required: false, load: loadCosts },
  { name: 'fx.csv', kind: 'fx', required: false, load: loadFxRates },
] as const;

const KNOWN_TOP_LEVEL = new Set([...OWN_FILES.map((f) => f.name), 'report.json']);

interface RecognisedExport {
  path: string;
  bytes: Uint8Array;
  decoded: DecodedText;
  match: HeaderMatch;
}

export async function ingest(warehouse: Warehouse, dataDir: string): Promise<IngestResult> {
  if (!(await isDirectory(dataDir))) throw inputError(`data folder not found: ${dataDir}`);
  const warnings: string[] = [];
  const files: InputFile[] = [];

  const settingsPath = join(dataDir, 'report.json');
  const settingsBytes = await fileSize(settingsPath);
  const settings = await readSettings(settingsPath);
  await warehouse.run(`set TimeZone = '${settings.timezone.replaceAll("'", "''")}'`);
  if (settingsBytes === null) warnings.push(`report.json not found in ${dataDir}; using the default settings`);
  else files.push({ path: 'report.json', kind: 'settings', format: null, platform: null, sha256: await sha256File(settingsPath), bytes: settingsBytes, rows: 1, rejected: 0, skipped: 0 });

  for (const own of OWN_FILES) {
    if (own.required && (await fileSize(join(dataDir, own.name))) === null) {
      throw inputError(`${own.name} is missing in ${dataDir}: every data folder needs ${own.name} (see the input folder contract in the README)`);
    }
  }
  const exportPaths = [...(await listFiles(join(dataDir, 'exports'), dataDir)), ...(await listFiles(join(dataDir, 'organic'), dataDir))];
  const recognised = await recogniseAll(dataDir, exportPaths);

  for (const top of await listFiles(dataDir, dataDir)) {
    if (!top.includes('/') && !KNOWN_TOP_LEVEL.has(top)) warnings.push(`${top}: not part of the input folder contract; ignored`);
  }

  await warehouse.run(rawTableDdl());
  await appendRows(warehouse, 'raw_report_settings', [
    [settings.title, settings.currency, settings.timezone, settings.locale, settings.gross_margin, settings.attribution_model,
      settings.lookback_days, settings.time_decay_half_life_days, settings.count_views, settings.path_transform],
  ]);

  for (const file of recognised) files.push(await loadExport(warehouse, file, settings, warnings));

  for (const own of OWN_FILES) {
    const path = join(dataDir, own.name);
    const bytes = await fileSize(path);
    if (bytes === null) {
      if (own.kind === 'touchpoints') warnings.push('touchpoints.csv not found: only coupon codes and the utm fields of orders can attribute revenue');
      continue;
    }
    const result: LoadResult = await own.load(warehouse, path, own.name);
    files.push({ path: own.name, kind: own.kind, format: own.kind, platform: null, sha256: await sha256File(path), bytes, rows: result.rows, rejected: result.rejected, skipped: result.skipped });
  }

  await appendRows(
    warehouse,
    'raw_input_files',
    files.map((f) => [f.path, f.kind, f.format, f.platform, f.sha256, f.bytes, null, f.rows, f.rejected, f.skipped]),
  );
  for (const file of files) {
    if (file.rejected > 0) {
      const first = await warehouse.rows<{ source_line: number | null; column_name: string | null; reason: string }>(
        'select source_line, column_name, reason from raw_rejected_rows where source_file = $file order by source_line limit 1',
        { file: file.path },
      );
      const example = first[0] ? ` (first: line ${first[0].source_line}${first[0].column_name ? `, column "${first[0].column_name}"` : ''}: ${first[0].reason})` : '';
      warnings.push(`${file.path}: ${file.rejected} row${file.rejected === 1 ? '' : 's'} rejected${example}`);
    }
  }
  return { settings, files, warnings };
}

async function recogniseAll(dataDir: string, paths: string[]): Promise<RecognisedExport[]> {
  const recognised: RecognisedExport[] = [];
  for (const path of paths) {
    const bytes = new Uint8Array(await readFile(join(dataDir, path)));
    if (isZipArchive(bytes)) {
      throw inputError(`${path}: this is an Excel workbook (xlsx) or zip archive; export the report as CSV instead`);
    }
    const decoded = decodeBytes(bytes);
    const match = recogniseExport(decoded, path);
    if (!match) throw unrecognisedExport(path, decoded);
    recognised.push({ path, bytes, decoded, match });
  }
  return recognised;
}

async function loadExport(warehouse: Warehouse, file: RecognisedExport, settings: ReportSettings, warnings: string[]): Promise<InputFile> {
  const parsed = parseExport(file.decoded, file.match, file.path);
  warnings.push(...parsed.warnings);
  const { format, platform } = file.match.format;
  let defaultedCurrency = 0;
  const rows = parsed.rows.map(({ line, values: v }) => {
    if (!v.currency) defaultedCurrency++;
    return [
      file.path, line, format, platform, v.account, v.currency ?? settings.currency, v.date,
      v.campaign_id, v.campaign_name, v.ad_set_id, v.ad_set_name, v.ad_id, v.ad_name,
      v.impressions, v.reach, v.clicks, v.link_clicks, v.engagements, v.video_views,
      v.spend, v.conversions, v.conversion_value, v.followers_gained,
    ];
  });
  if (defaultedCurrency > 0) {
    warnings.push(`${file.path}: no currency column and no currency in the spend header; amounts taken as ${settings.currency} (the report currency)`);
  }
  await appendRows(warehouse, 'raw_ad_daily', rows);
  await appendRows(warehouse, 'raw_rejected_rows', parsed.rejected.map((r: Rejection) => [file.path, r.line, r.column, r.reason, r.value]));
  return {
    path: file.path,
    kind: 'export',
    format,
    platform,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    bytes: file.bytes.length,
    rows: parsed.rows.length,
    rejected: parsed.rejected.length,
    skipped: parsed.totalsDropped,
  };
}

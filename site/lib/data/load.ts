// The one place where data enters the site. It reads manifest.json, catalog.json
// and the Arrow datasets from REPORT_DATA_DIR, checks every column the site uses
// against the declarations in schemas.ts, and returns typed rows. A dataset that does
// not match fails the build with one message naming the dataset, the column, what was
// expected and what was found, instead of rendering NaN. The marts of charts declared
// in REPORT_CHARTS_DIR are read and checked too (declared-charts.ts).
//
// The site computes no metric: every number here arrives computed by the pipeline.

import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ChartSpecError, chartSpecFiles } from '../chart-specs.ts';
import { readDataset } from './arrow.ts';
import type { DeclaredChart } from './declared-charts.ts';
import { readDeclaredCharts } from './declared-charts.ts';
import { DatasetError } from './error.ts';
import type { Catalog, Manifest } from './manifest.ts';
import { datasetFile, readCatalog, readManifest } from './manifest.ts';
import type { DatasetName, DatasetRows } from './schemas.ts';
import { DATASET_NAMES, OPTIONAL_DATASETS } from './schemas.ts';

export interface ReportData {
  /** Absolute path of the data folder (symbolic links resolved). */
  dir: string;
  manifest: Manifest;
  catalog: Catalog;
  datasets: DatasetRows;
  /** Optional datasets the folder has no file for (their rows are empty). */
  absent: DatasetName[];
  /** Charts declared in the charts folder, in page order. */
  charts: DeclaredChart[];
}

export interface LoadOptions {
  /** The folder of declared chart specs (site/charts); null or absent: none. */
  chartsDir?: string | null;
}

/**
 * Reads the whole data folder: manifest first, then the catalog, every declared
 * dataset, and the mart of every chart in the charts folder. A folder reached
 * through a symbolic link (`npm run dev` swaps one) is read from its target, so
 * every file comes from the same export.
 */
export function loadReportData(dir: string, options: LoadOptions = {}): ReportData {
  const given = resolve(dir);
  if (!existsSync(given) || !statSync(given).isDirectory()) {
    throw new DatasetError(`REPORT_DATA_DIR ${given} is not a folder`);
  }
  // The folder itself may be a link (npm run dev moves one from export to export): read its target.
  const folder = lstatSync(given).isSymbolicLink() ? realpathSync(given) : given;
  const manifest = readManifest(folder);
  const absent: DatasetName[] = [];
  const datasets = Object.fromEntries(
    DATASET_NAMES.map((name) => {
      const path = join(folder, datasetFile(manifest, name));
      if (OPTIONAL_DATASETS.has(name) && !existsSync(path)) {
        absent.push(name);
        return [name, []];
      }
      return [name, readDataset(name, path)];
    }),
  ) as unknown as DatasetRows;
  const charts = options.chartsDir ? readDeclaredCharts(folder, manifest, options.chartsDir) : [];
  return { dir: folder, manifest, catalog: readCatalog(folder), datasets, absent, charts };
}

/** Whether an export would build: the problem that would stop the build, typed, or none. */
export type ReportDataCheck = { ok: true } | { ok: false; problem: DatasetError | ChartSpecError };

/**
 * Reads an export and the declared charts as the site's build does, for `npm run dev`,
 * which checks each new export before it serves it. A problem of the data or of a chart
 * spec (a mart that lost a column a chart uses) is returned, since the build would stop
 * with its message alone; any other error (a bug, a file the machine refused) is thrown.
 */
export function checkReportData(dir: string, chartsDir: string | null): ReportDataCheck {
  try {
    loadReportData(dir, { chartsDir });
    return { ok: true };
  } catch (error) {
    if (error instanceof DatasetError || error instanceof ChartSpecError) return { ok: false, problem: error };
    throw error;
  }
}

let cached: { version: string; data: ReportData } | undefined;

/**
 * The report's data from REPORT_DATA_DIR (and the charts of REPORT_CHARTS_DIR),
 * read once and kept for every page. It is read again when the export changes
 * (another manifest.json, or the folder now links to another export) or a chart
 * spec does: `npm run dev` replaces the data while the server runs.
 */
export function reportData(): ReportData {
  const dir = process.env.REPORT_DATA_DIR;
  if (!dir) {
    throw new DatasetError(
      'REPORT_DATA_DIR is not set: set it to the folder with manifest.json and the <dataset>.arrow files ' +
        '(the pipeline sets it when it builds the site)',
    );
  }
  if (!isAbsolute(dir)) {
    throw new DatasetError(`REPORT_DATA_DIR must be an absolute path, found ${JSON.stringify(dir)}`);
  }
  const chartsDir = process.env.REPORT_CHARTS_DIR || null;
  const version = dataVersion(dir, chartsDir);
  if (!cached || cached.version !== version) {
    cached = { version, data: loadReportData(dir, { chartsDir }) };
  }
  return cached.data;
}

/** What identifies one export and one set of chart specs: paths and modification times. */
export function dataVersion(dir: string, chartsDir: string | null): string {
  const stamp = (path: string) => {
    try {
      const info = statSync(path);
      return `${info.mtimeMs}:${info.size}`;
    } catch {
      return 'none';
    }
  };
  let real = dir;
  try {
    real = realpathSync(dir);
  } catch {
    // Not there (yet): loading says so.
  }
  const parts = [real, stamp(join(real, 'manifest.json'))];
  if (chartsDir) parts.push(...chartSpecFiles(chartsDir).map((file) => `${file}@${stamp(file)}`));
  return parts.join('|');
}

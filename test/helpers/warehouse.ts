// A warehouse filled from a small data folder written by the test, for
// querying the SQL's tables directly (no export, no site).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { memoryLogger } from '../../pipeline/log.ts';
import { runQuery } from '../../pipeline/queries.ts';
import { openWarehouse, type Warehouse } from '../../pipeline/warehouse.ts';
import { fillWarehouse, loadSqlProject } from '../../pipeline/warehouse-build.ts';
import { projectRoot, tempDir } from './cli.ts';

export type DataFiles = Record<string, string>;

export async function writeDataFolder(files: DataFiles): Promise<string> {
  const dir = join(await tempDir('data'), 'data');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** A warehouse beside a data folder, filled by the whole SQL project as a run fills it. */
export async function warehouseFrom(dataDir: string): Promise<Warehouse> {
  const warehouse = await openWarehouse(join(dirname(dataDir), 'warehouse.duckdb'));
  try {
    await fillWarehouse(warehouse, dataDir, await loadSqlProject(join(projectRoot, 'queries')), memoryLogger());
  } catch (error) {
    warehouse.close();
    throw error;
  }
  return warehouse;
}

export async function filledWarehouse(files: DataFiles): Promise<Warehouse> {
  return warehouseFrom(await writeDataFolder(files));
}

/** Runs the SQL files the named tables need, and those tables, in an ingested warehouse. */
export async function runQueriesFor(warehouse: Warehouse, targets: string[]): Promise<void> {
  const all = (await loadSqlProject(join(projectRoot, 'queries'))).queries;
  const byName = new Map(all.map((q) => [q.name, q]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dep of byName.get(name)?.dependsOn ?? []) visit(dep);
  };
  targets.forEach(visit);
  // the project's order is a dependency order
  for (const q of all.filter((x) => needed.has(x.name))) await runQuery(warehouse, q);
}

/** CSV text from a header and rows. */
export function csv(header: string, rows: (string | number | null)[][]): string {
  return `${[header, ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(','))].join('\n')}\n`;
}

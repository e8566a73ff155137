// A warehouse filled from a small data folder written by the test, for
// querying the SQL's tables directly (no export, no site).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { memoryLogger } from '../../pipeline/log.ts';
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

export async function filledWarehouse(files: DataFiles): Promise<Warehouse> {
  const dataDir = await writeDataFolder(files);
  const warehouse = await openWarehouse(join(dirname(dataDir), 'warehouse.duckdb'));
  try {
    await fillWarehouse(warehouse, dataDir, await loadSqlProject(join(projectRoot, 'queries')), memoryLogger());
  } catch (error) {
    warehouse.close();
    throw error;
  }
  return warehouse;
}

/** CSV text from a header and rows. */
export function csv(header: string, rows: (string | number | null)[][]): string {
  return `${[header, ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(','))].join('\n')}\n`;
}

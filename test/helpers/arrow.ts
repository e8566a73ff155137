import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';

export type Row = Record<string, unknown>;

export function readDataset(outDir: string, name: string): { rows: Row[]; types: Record<string, string> } {
  const table = tableFromIPC(readFileSync(join(outDir, 'data', `${name}.arrow`)));
  const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
  return { rows: table.toArray().map((r) => r.toJSON() as Row), types };
}

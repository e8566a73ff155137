// Marts to Arrow (part of the export step, data-folder.ts): every mart becomes an Arrow IPC file, sorted by all its
// columns so the same warehouse always gives the same bytes. Numbers travel as
// Float64 (money is already rounded to the cent in SQL), text as Utf8, dates
// as Date32.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Bool, DateDay, Float64, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { EXIT, ReportError } from './errors.ts';
import { quoteIdent, type Warehouse } from './warehouse.ts';
import type { QueryFile } from './queries.ts';

export interface ExportedDataset {
  file: string;
  rows: number;
  sha256: string;
  columns: { name: string; type: string }[];
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

interface ColumnPlan {
  name: string;
  select: string;
  arrowType: () => DataType;
  arrowName: string;
}

function planColumn(mart: QueryFile, name: string, duckType: string): ColumnPlan {
  const col = quoteIdent(name);
  if (NUMERIC.test(duckType)) return { name, select: `cast(${col} as double)`, arrowType: () => new Float64(), arrowName: 'Float64' };
  if (duckType === 'VARCHAR') return { name, select: col, arrowType: () => new Utf8(), arrowName: 'Utf8' };
  if (duckType === 'BOOLEAN') return { name, select: col, arrowType: () => new Bool(), arrowName: 'Bool' };
  if (duckType === 'DATE') return { name, select: col, arrowType: () => new DateDay(), arrowName: 'Date32' };
  if (duckType.startsWith('TIMESTAMP')) return { name, select: `strftime(${col}, '%Y-%m-%dT%H:%M:%S')`, arrowType: () => new Utf8(), arrowName: 'Utf8' };
  throw new ReportError(
    `${mart.display}: column ${name} is ${duckType}; marts export flat columns (text, numbers, booleans, dates, timestamps)`,
    { exitCode: EXIT.sql },
  );
}

export async function exportMart(warehouse: Warehouse, mart: QueryFile, dataDir: string): Promise<ExportedDataset> {
  const described = await warehouse.rows<{ column_name: string; column_type: string }>(`select column_name, column_type from (describe ${quoteIdent(mart.name)})`);
  const plan = described.map((c) => planColumn(mart, c.column_name, c.column_type));
  const orderBy = plan.map((_, i) => String(i + 1)).join(', ');
  const reader = await warehouse.connection.runAndReadAll(
    `select ${plan.map((p) => `${p.select} as ${quoteIdent(p.name)}`).join(', ')} from ${quoteIdent(mart.name)} order by ${orderBy}`,
  );
  const columns = reader.getColumnsJS();
  const vectors: Record<string, Vector> = {};
  plan.forEach((p, i) => {
    vectors[p.name] = vectorFromArray(columns[i] ?? [], p.arrowType());
  });
  const table = new Table(vectors);
  const bytes = tableToIPC(table, 'file');
  const file = `${mart.name}.arrow`;
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, file), bytes);
  return {
    file,
    rows: reader.currentRowCount,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    columns: plan.map((p) => ({ name: p.name, type: p.arrowName })),
  };
}

// Reading Arrow IPC files into plain rows: a declared dataset checked column by column
// against its schema (schemas.ts), or a mart a declared chart names, read as it is.
// Every value arrives computed by the pipeline; nothing here computes a metric.

import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataType, Precision, tableFromIPC } from 'apache-arrow';
import type { Table } from 'apache-arrow';
import { isMonthKey } from '../months.ts';
import { DatasetError } from './error.ts';
import type { ColumnSpec, ColumnType, DatasetName, DatasetRows } from './schemas.ts';
import { ROW_KEYS, SCHEMAS } from './schemas.ts';

export type Value = string | number | boolean | null;

/** A mart that a declared chart reads: every column, typed as the Arrow file has it. */
export interface MartData {
  name: string;
  /** File name inside the data folder. */
  file: string;
  columns: { name: string; type: ColumnType }[];
  rows: Readonly<Record<string, Value>>[];
}

/** Reads a mart as it is: every column with its Arrow type (Utf8, Float64, Bool or Date32). */
export function readMart(name: string, path: string): MartData {
  const where = `(in ${path})`;
  let table: Table;
  try {
    table = tableFromIPC(readFileSync(path));
  } catch (error) {
    throw new DatasetError(`dataset ${name}: not an Arrow IPC file: ${(error as Error).message} ${where}`);
  }
  const columns = table.schema.fields.map((field) => {
    const type = (['Utf8', 'Float64', 'Bool', 'Date32'] as const).find((t) => hasType(field.type, t));
    if (!type) throw new DatasetError(`dataset ${name}: column ${field.name} must be Utf8, Float64, Bool or Date32, found ${String(field.type)} ${where}`);
    const vector = table.getChild(field.name);
    if (!vector) throw new DatasetError(`dataset ${name}: column ${field.name} has no data ${where}`);
    return { name: field.name, type, vector };
  });
  const rows: Record<string, Value>[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, Value> = {};
    for (const { name: column, type, vector } of columns) {
      const value: unknown = vector.get(i);
      if (value === null || value === undefined) row[column] = null;
      else if (type === 'Float64') row[column] = Number.isFinite(value) ? (value as number) : null;
      else if (type === 'Bool') row[column] = Boolean(value);
      else if (type === 'Date32') row[column] = new Date(value instanceof Date ? value.getTime() : Number(value)).toISOString().slice(0, 10);
      else row[column] = String(value);
    }
    rows.push(row);
  }
  return { name, file: basename(path), columns: columns.map(({ name: n, type }) => ({ name: n, type })), rows };
}


const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Reads one Arrow dataset and checks it against its declaration in SCHEMAS. */
export function readDataset<N extends DatasetName>(name: N, path: string): DatasetRows[N] {
  const schema: Record<string, ColumnSpec> = SCHEMAS[name];
  const where = `(in ${path})`;
  if (!existsSync(path)) throw new DatasetError(`dataset ${name}: file not found ${where}`);

  let table: Table;
  try {
    table = tableFromIPC(readFileSync(path));
  } catch (error) {
    throw new DatasetError(`dataset ${name}: not an Arrow IPC file: ${(error as Error).message} ${where}`);
  }

  const columns = Object.entries(schema).map(([column, spec]) => {
    const field = table.schema.fields.find((f) => f.name === column);
    if (!field) {
      throw new DatasetError(`dataset ${name}: column ${column} must be ${spec.type}, found no such column ${where}`);
    }
    if (!hasType(field.type, spec.type)) {
      throw new DatasetError(`dataset ${name}: column ${column} must be ${spec.type}, found ${String(field.type)} ${where}`);
    }
    const vector = table.getChild(column);
    if (!vector) throw new DatasetError(`dataset ${name}: column ${column} has no data ${where}`);
    return { column, spec, vector };
  });

  const rows: Record<string, Value>[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, Value> = {};
    for (const { column, spec, vector } of columns) {
      const value: unknown = vector.get(i);
      const at = `in row ${i + 1} ${where}`;
      const fail = (expected: string, found: string): never => {
        throw new DatasetError(`dataset ${name}: column ${column} must be ${expected}, found ${found} ${at}`);
      };
      if (value === null || value === undefined) {
        if (spec.required) throw new DatasetError(`dataset ${name}: column ${column} must not be null, found null ${at}`);
        row[column] = null;
      } else if (spec.type === 'Float64') {
        if (typeof value !== 'number' || !Number.isFinite(value)) fail('a finite number', String(value));
        row[column] = value as number;
      } else if (spec.type === 'Bool') {
        row[column] = Boolean(value);
      } else if (spec.type === 'Date32') {
        // Arrow gives days as milliseconds since 1970-01-01 UTC.
        const ms = value instanceof Date ? value.getTime() : Number(value);
        if (!Number.isFinite(ms)) fail('a date', String(value));
        row[column] = new Date(ms).toISOString().slice(0, 10);
      } else {
        const text = String(value);
        if (spec.monthKey && !isMonthKey(text)) fail('a YYYY-MM month', JSON.stringify(text));
        if (spec.timestamp && (!ISO_TIMESTAMP.test(text) || Number.isNaN(Date.parse(text)))) fail('an ISO timestamp', JSON.stringify(text));
        row[column] = text;
      }
    }
    rows.push(row);
  }

  checkUniqueKeys(name, ROW_KEYS[name] as readonly string[], rows, where);
  return rows as unknown as DatasetRows[N];
}

function hasType(type: DataType, expected: ColumnType): boolean {
  switch (expected) {
    case 'Utf8':
      return DataType.isUtf8(type);
    case 'Float64':
      return DataType.isFloat(type) && type.precision === Precision.DOUBLE;
    case 'Bool':
      return DataType.isBool(type);
    case 'Date32':
      return DataType.isDate(type) && String(type) === 'Date32<DAY>';
  }
}

function checkUniqueKeys(name: string, keyColumns: readonly string[], rows: readonly Record<string, Value>[], where: string): void {
  if (keyColumns.length === 0) return;
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = JSON.stringify(keyColumns.map((c) => row[c]));
    const first = seen.get(key);
    if (first !== undefined) {
      const described = keyColumns.map((c) => `${c} ${String(row[c])}`).join(', ');
      throw new DatasetError(`dataset ${name}: rows ${first + 1} and ${i + 1} are both for ${described}; expected one row each ${where}`);
    }
    seen.set(key, i);
  });
}

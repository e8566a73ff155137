// catalog.json: what the methodology page shows. Each mart with the comment at
// the top of its SQL file and its columns; each metric with its definition and
// the file that computes it, from `-- metric <name>: <definition>` lines; each
// data test with its severity. The SQL stays the one place a metric is defined.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataTest } from './check.ts';
import type { ExportedDataset } from './export-arrow.ts';
import { headerLines, MATERIALIZED_LINE, type QueryFile } from './queries.ts';

export interface Catalog {
  marts: { name: string; file: string; description: string; columns: { name: string; type: string }[] }[];
  metrics: { name: string; definition: string; file: string }[];
  tests: { name: string; file: string; severity: string; description: string }[];
}

const METRIC = /^--\s*metric\s+([^:]+):\s*(.+)$/i;

/** The comment lines at the top of a SQL file, without metric lines, as one text. */
export function headerComment(sql: string): string {
  return headerLines(sql)
    .filter((line) => !METRIC.test(line) && !MATERIALIZED_LINE.test(line))
    .map((line) => line.replace(/^--\s?/, ''))
    .join('\n')
    .trim();
}

export function metricDefinitions(queries: QueryFile[]): Catalog['metrics'] {
  return queries.flatMap((q) =>
    q.sql
      .split('\n')
      .map((line) => METRIC.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ name: m[1]!.trim(), definition: m[2]!.trim(), file: q.display })),
  );
}

export function buildCatalog(queries: QueryFile[], datasets: Record<string, ExportedDataset>, tests: DataTest[]): Catalog {
  return {
    marts: queries
      .filter((q) => q.layer === 'marts')
      .map((q) => ({ name: q.name, file: q.display, description: headerComment(q.sql), columns: datasets[q.name]?.columns ?? [] })),
    metrics: metricDefinitions(queries),
    tests: tests.map((t) => ({ name: t.name, file: t.display, severity: t.severity, description: t.description })),
  };
}

export async function writeCatalog(dataDir: string, catalog: Catalog): Promise<void> {
  await writeFile(join(dataDir, 'catalog.json'), `${JSON.stringify(catalog, null, 2)}\n`);
}

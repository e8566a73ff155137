// Charts that analysts declare in site/charts (REPORT_CHARTS_DIR, see chart-specs.ts)
// name a mart each: that mart is read here, and every column its spec uses must exist
// in it with the type its role needs, or the build stops naming the chart and the column.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartSpecFile } from '../chart-specs.ts';
import { readChartSpecs } from '../chart-specs.ts';
import { isMonthKey } from '../months.ts';
import type { MartData } from './arrow.ts';
import { readMart } from './arrow.ts';
import { DatasetError } from './error.ts';
import type { Manifest } from './manifest.ts';
import { datasetFile } from './manifest.ts';

/** A chart declared in site/charts, with the rows of the mart it names and its filters settled. */
export interface DeclaredChart extends Omit<ChartSpecFile, 'monthColumn' | 'modelColumn'> {
  /** The column the page's month selects rows by; null: every row. */
  monthColumn: string | null;
  /** The column the report's attribution model selects rows by; null: every row. */
  modelColumn: string | null;
  data: MartData;
}

/** Reads the chart specs of chartsDir, the mart each names, and checks the columns each spec uses. */
export function readDeclaredCharts(folder: string, manifest: Manifest, chartsDir: string): DeclaredChart[] {
  const specs = readChartSpecs(chartsDir);
  const marts = new Map<string, MartData>();
  return specs.map((spec) => {
    let data = marts.get(spec.mart);
    if (!data) {
      const path = join(folder, datasetFile(manifest, spec.mart));
      if (!existsSync(path)) {
        throw new DatasetError(
          `dataset ${spec.mart}: file not found (in ${path}), and the chart ${spec.file} reads it; ` +
            `write queries/marts/${spec.mart}.sql, or name another mart in usermeta.report.mart`,
        );
      }
      data = readMart(spec.mart, path);
      marts.set(spec.mart, data);
    }
    const has = (column: string) => data.columns.some((c) => c.name === column);
    const chart: DeclaredChart = {
      ...spec,
      monthColumn: spec.monthColumn === undefined ? (has('month') ? 'month' : null) : spec.monthColumn,
      modelColumn: spec.modelColumn === undefined ? (has('model') ? 'model' : null) : spec.modelColumn,
      data,
    };
    checkChartColumns(chart, data, join(folder, data.file));
    return chart;
  });
}

function checkChartColumns(spec: DeclaredChart, data: MartData, where: string): void {
  const types = new Map(data.columns.map((c) => [c.name, c.type]));
  const known = data.columns.map((c) => c.name).join(', ');
  const missing = (column: string, role: string) =>
    new DatasetError(`dataset ${data.name}: no column ${column}, which the chart ${spec.file} uses ${role}; the mart has ${known} (in ${where})`);
  for (const field of spec.fields) if (!types.has(field)) throw missing(field, 'in its spec');
  for (const column of spec.columns ?? []) if (!types.has(column.field)) throw missing(column.field, 'in usermeta.report.columns');
  for (const { field } of spec.sort) if (!types.has(field)) throw missing(field, 'in usermeta.report.sort');
  for (const [role, column] of [['as its month filter (usermeta.report.month)', spec.monthColumn], ['as its model filter (usermeta.report.model)', spec.modelColumn]] as const) {
    if (column === null) continue;
    const type = types.get(column);
    if (type === undefined) throw missing(column, role);
    if (type !== 'Utf8') throw new DatasetError(`dataset ${data.name}: column ${column} must be Utf8, found ${type}; the chart ${spec.file} uses it ${role} (in ${where})`);
  }
  if (spec.monthColumn !== null) {
    const column = spec.monthColumn;
    const bad = data.rows.findIndex((r) => r[column] !== null && !isMonthKey(r[column]));
    if (bad >= 0) {
      throw new DatasetError(
        `dataset ${data.name}: column ${column} must be a YYYY-MM month, found ${JSON.stringify(data.rows[bad]?.[column])} in row ${bad + 1}; the chart ${spec.file} filters by it (in ${where})`,
      );
    }
  }
}

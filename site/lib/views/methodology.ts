// How the numbers are made: every metric's definition with the SQL file that
// computes it, the attribution models, every mart with its columns, the data tests.

import type { AttributionModel } from '../i18n.ts';
import type { Report } from '../report.ts';
import type { TableModel } from '../table.ts';
import { csvPath, METHODOLOGY_PATH } from '../routes.ts';
import { column } from './common.ts';
import { BOOTSTRAP_FILES } from '../i18n-intervals.ts';
import { intervalName, intervalsOn, intervalWords } from '../intervals.ts';

export interface MethodologyView {
  /** The catalogue's models (the `-- model` lines of the attribution SQL), words filled from the settings. */
  models: { model: AttributionModel; name: string; text: string; chosen: boolean }[];
  metrics: TableModel;
  marts: TableModel;
  tests: TableModel;
  /** The bootstrap in plain words, with its settings, its SQL files and their metric lines. */
  bootstrap: {
    heading: string;
    paragraphs: string[];
    /** Without intervals: that the bootstrap is switched off in this report. */
    off: string | null;
    settings: { label: string; value: string }[];
    filesHeading: string;
    files: { file: string; role: string }[];
    metricsHeading: string;
    /** The catalogue's metrics (the `-- metric` lines) of the bootstrap's files, not restated here. */
    metrics: { name: string; definition: string; file: string }[];
  };
}

export function methodologyView(report: Report): MethodologyView {
  const { t, catalog, model, models } = report;
  const page = METHODOLOGY_PATH;
  const w = intervalWords(report);
  const { fmt } = report;
  const s = report.manifest.settings;
  const files: readonly string[] = BOOTSTRAP_FILES;
  return {
    bootstrap: {
      heading: w.methodHeading,
      paragraphs: [
        ...w.methodText({
          replicates: s.bootstrap_replicates > 0 ? fmt.integer(s.bootstrap_replicates) : null,
          interval: intervalName(report),
          level: fmt.percent(s.interval_level, 0),
          tail: fmt.percent((1 - s.interval_level) / 2, Number.isInteger(Math.round((1 - s.interval_level) * 50 * 1e6) / 1e6) ? 0 : 1),
          min: fmt.integer(s.min_conversions),
          model: report.modelName(model),
        }),
      ],
      off: intervalsOn(report) ? null : w.methodOff,
      settings: [
        { label: w.settingReplicates, value: fmt.integer(s.bootstrap_replicates) },
        { label: w.settingLevel, value: intervalName(report) },
        { label: w.settingMin, value: fmt.integer(s.min_conversions) },
      ],
      filesHeading: w.methodFiles,
      files: BOOTSTRAP_FILES.map((file) => ({ file, role: w.methodFileRoles[file] ?? '' })),
      metricsHeading: w.methodMetrics,
      metrics: catalog.metrics.filter((m) => files.includes(m.file)).map((m) => ({ name: report.text(m.name), definition: report.text(m.definition), file: m.file })),
    },
    models: models.map((m) => ({ model: m, name: report.modelName(m), text: report.modelText(m) ?? '', chosen: m === model })),
    metrics: {
      id: 'metrics',
      caption: t.method.metricsCaption,
      columns: [column(report, 'metric', 'text'), column(report, 'definition', 'text'), column(report, 'file', 'code')],
      rows: catalog.metrics.map((m) => ({ cells: { metric: report.text(m.name), definition: report.text(m.definition), file: m.file } })),
      csv: csvPath(page, 'metrics'),
      datasets: [],
    },
    marts: {
      id: 'marts',
      caption: t.method.martsCaption,
      // the columns' names and types as the SQL writes them: code, as the dataset's name is
      columns: [column(report, 'dataset', 'code'), column(report, 'file', 'code'), column(report, 'description', 'text'), column(report, 'columns', 'code')],
      rows: catalog.marts.map((m) => ({ cells: { dataset: m.name, file: m.file, description: report.text(m.description), columns: m.columns.map((c) => `${c.name} (${c.type})`).join(', ') } })),
      csv: csvPath(page, 'marts'),
      datasets: [],
    },
    tests: {
      id: 'data-tests',
      caption: t.method.testsCaption,
      columns: [column(report, 'test', 'code'), column(report, 'severity', 'text'), column(report, 'description', 'text'), column(report, 'file', 'code')],
      rows: catalog.tests.map((x) => ({ cells: { test: x.name, severity: x.severity, description: report.text(x.description), file: x.file }, display: { severity: x.severity === 'error' ? t.method.severityError : x.severity === 'warn' ? t.method.severityWarn : x.severity } })),
      csv: csvPath(page, 'data-tests'),
      datasets: [],
    },
  };
}

// manifest.json: what a report was made from and what it holds. Everything
// but `generated_at` is a function of the inputs, so re-running a month on the
// same files gives the same manifest apart from that field.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportSettings } from './config.ts';
import type { ExportedDataset } from './export-arrow.ts';
import type { InputFile } from './ingest/index.ts';
import { leavesMoneyOut } from './rejected-inputs.ts';
import { notesOf, type Note } from './notes.ts';

export interface Manifest {
  month: string;
  /** Whether the reported month is complete (report_months); an incomplete one is not kept in `published`. */
  month_complete: boolean;
  months: string[];
  complete_months: string[];
  data_as_of: string | null;
  generated_at: string;
  title: string | null;
  /** What the figures were made with; not the title (above) nor how the report is delivered (pdf, chromium_path: this run's machine; email: the client's staff and mail server). */
  settings: Omit<ReportSettings, 'title' | 'pdf' | 'chromium_path' | 'email'>;
  inputs: {
    path: string; kind: string; format: string | null; platform: string | null; sha256: string; bytes: number; rows: number; rejected: number; skipped: number;
    period_rows: number; status: 'loaded' | 'skipped'; notes?: string[];
    /** Rejected rows that hold money were left out (published only with --accept-rejected; every page says so). */
    money_left_out?: true;
    /** What rejected rows held, per currency (own files, whose amounts can be read). */
    rejected_money?: { currency: string | null; amount: string | null; rows: number; unreadable: number }[];
  }[];
  datasets: Record<string, ExportedDataset>;
  warnings: string[];
  /** The note behind each warning, for the reader in the report's locale (notes.ts). */
  notes: Note[];
  /** Months published so far, each with the time and model of its first publication (data/snapshots/). */
  published: { month: string; published_at: string; model: string }[];
}

export function buildManifest(parts: {
  month: string;
  months: { month: string; is_complete: boolean }[];
  dataAsOf: string | null;
  generatedAt: Date;
  settings: ReportSettings;
  inputs: InputFile[];
  datasets: Record<string, ExportedDataset>;
  warnings: string[];
  published: Manifest['published'];
}): Manifest {
  // how the report is delivered is not what its figures were made with; the e-mail settings name the client's staff and their mail server: not for the published data folder
  const { title, pdf: _pdf, chromium_path: _chromium, email: _email, ...settings } = parts.settings;
  return {
    month: parts.month,
    month_complete: parts.months.some((m) => m.month === parts.month && m.is_complete),
    months: parts.months.map((m) => m.month),
    complete_months: parts.months.filter((m) => m.is_complete).map((m) => m.month),
    data_as_of: parts.dataAsOf,
    generated_at: parts.generatedAt.toISOString(),
    title,
    settings,
    inputs: [...parts.inputs]
      .sort((a, b) => a.path.localeCompare(b.path))
      .map(({ path, kind, format, platform, sha256, bytes, rows, rejected, skipped, period_rows, status, notes, rejected_money }) => ({
        path, kind, format, platform, sha256, bytes, rows, rejected, skipped, period_rows, status, ...(notes.length ? { notes } : {}),
        ...(leavesMoneyOut({ kind, rejected }) ? { money_left_out: true as const } : {}),
        ...(rejected_money?.length ? { rejected_money } : {}),
      })),
    datasets: parts.datasets,
    warnings: parts.warnings,
    notes: notesOf(parts.warnings),
    published: parts.published,
  };
}

export async function writeManifest(dataDir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(dataDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

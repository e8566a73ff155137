// Published months are kept as snapshots: when a run publishes a complete
// month for the first time (never a month report_months marks incomplete,
// whose figures would be partial: data-folder.ts), the month's headline
// figures and every campaign's figures under the report's model are written
// to <out>/data/snapshots/<month>.json, and every later run carries the
// snapshots forward. Before transform they
// are loaded into raw_published_snapshots, and queries/marts/restatements.sql
// lists what changed since publication (platforms revise conversions, refunds
// arrive late).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RAW_TABLES } from './ingest/raw-tables.ts';
import { appendRows, type Warehouse } from './warehouse.ts';

export const SNAPSHOT_METRICS = ['media_spend', 'total_cost', 'revenue', 'gross_profit', 'conversions', 'roi', 'roas'] as const;

export interface Snapshot {
  month: string;
  published_at: string;
  model: string;
  currency: string;
  /** One entry per campaign and metric; campaign `all` holds the month's headline figures. */
  figures: { campaign: string; metric: string; value: number | null }[];
}

const FILE = /^\d{4}-\d{2}\.json$/;

export function snapshotsDir(dataDir: string): string {
  return join(dataDir, 'snapshots');
}

/** The snapshots of an earlier report's data folder; none when there is no earlier report. */
export async function readSnapshots(dataDir: string): Promise<Snapshot[]> {
  let entries: string[];
  try {
    entries = (await readdir(snapshotsDir(dataDir))).filter((f) => FILE.test(f)).sort();
  } catch {
    return [];
  }
  const snapshots: Snapshot[] = [];
  for (const entry of entries) {
    try {
      snapshots.push(JSON.parse(await readFile(join(snapshotsDir(dataDir), entry), 'utf8')) as Snapshot);
    } catch {
      // A damaged snapshot is dropped, never guessed at; the month is published anew.
    }
  }
  return snapshots;
}

export async function writeSnapshotTable(warehouse: Warehouse, snapshots: Snapshot[]): Promise<void> {
  await warehouse.run(`create or replace table raw_published_snapshots (${RAW_TABLES.raw_published_snapshots})`);
  await appendRows(
    warehouse,
    'raw_published_snapshots',
    snapshots.flatMap((s) => s.figures.map((f) => [s.month, s.published_at, s.model, f.campaign, f.metric, f.value])),
  );
}

/** The figures of a month as the report shows them now, to be kept as its snapshot. */
export async function takeSnapshot(warehouse: Warehouse, month: string, model: string, currency: string, publishedAt: Date): Promise<Snapshot> {
  const columns = SNAPSHOT_METRICS.map((m) => `${m}::double as ${m}`).join(', ');
  const rows = await warehouse.rows<Record<string, number | string | null>>(
    `select * from (
       select 0 as part, 'all' as campaign, ${columns} from monthly_trend where month = $month and model = $model
       union all
       select 1, campaign, ${columns} from campaign_roi where month = $month and model = $model
     ) order by part, campaign`,
    { month, model },
  );
  return {
    month,
    published_at: publishedAt.toISOString(),
    model,
    currency,
    figures: rows.flatMap((row) =>
      SNAPSHOT_METRICS.map((metric) => ({ campaign: String(row.campaign), metric, value: row[metric] === null ? null : Number(row[metric]) })),
    ),
  };
}

/** Writes the carried-forward snapshots and, for a month published for the first time, its new one. */
export async function writeSnapshots(dataDir: string, snapshots: Snapshot[]): Promise<void> {
  await mkdir(snapshotsDir(dataDir), { recursive: true });
  for (const snapshot of snapshots) {
    await writeFile(join(snapshotsDir(dataDir), `${snapshot.month}.json`), `${JSON.stringify(snapshot, null, 2)}\n`);
  }
}

// A small attribution world (settings, campaigns, orders, touchpoints) as the
// input files the pipeline reads, run through the real SQL up to
// int_attribution_credits, and its credits read back; and the comparison of
// those credits with the reference implementation (test/reference/attribution.ts).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { memoryLogger } from '../../pipeline/log.ts';
import { openWarehouse, type Warehouse } from '../../pipeline/warehouse.ts';
import { fillWarehouse, loadSqlProject, type SqlProject } from '../../pipeline/warehouse-build.ts';
import { MODELS, shareValue, type ReferenceResult, type ReferenceWorld } from '../reference/attribution.ts';
import { projectRoot } from './cli.ts';
import { csv, writeDataFolder, type DataFiles } from './warehouse.ts';

/** The input files of a world, as an analyst would write them. */
export function worldFiles(world: ReferenceWorld): DataFiles {
  return {
    'report.json': JSON.stringify({ currency: 'EUR', gross_margin: 0.5, ...world.settings }),
    'campaigns.csv': csv(
      'campaign,name,channel,funnel_stage,influencer,coupon_code,match',
      world.campaigns.map((c) => [c.campaign, c.campaign.toUpperCase(), 'Meta', 'conversion', null, c.coupon_code ?? null, c.match ?? null]),
    ),
    'orders.csv': csv(
      'order_id,ordered_at,customer_id,revenue,currency,status,refunded_amount,coupon_code,utm_source,utm_medium,utm_campaign',
      world.orders.map((o) => [
        o.order_id, o.ordered_at, o.customer_id, o.revenue, 'EUR', o.status, o.refunded_amount ?? null, o.coupon_code ?? null,
        o.utm_source ?? null, o.utm_source || o.utm_campaign ? 'paid_social' : null, o.utm_campaign ?? null,
      ]),
    ),
    'touchpoints.csv': csv(
      'customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction',
      world.touchpoints.map((t) => [t.customer_id, t.occurred_at, 'facebook', 'paid_social', t.utm_campaign, t.interaction]),
    ),
  };
}

/** The SQL files int_attribution_credits needs (and the path summary, for messages), in run order; data tests left out. */
export async function attributionProject(targets = ['int_attribution_credits', 'int_attribution_path_summary']): Promise<SqlProject> {
  const project = await loadSqlProject(join(projectRoot, 'queries'));
  const byName = new Map(project.queries.map((q) => [q.name, q]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name) || !byName.has(name)) return;
    needed.add(name);
    for (const dependency of byName.get(name)!.dependsOn) visit(dependency);
  };
  for (const target of targets) visit(target);
  return { queries: project.queries.filter((q) => needed.has(q.name)), tests: [] };
}

export interface SqlCredit {
  order_id: string;
  order_month: string;
  model: string;
  campaign: string;
  share: number;
  cents: bigint;
  micros: bigint;
}

const CREDITS_SQL = `
  select order_id, order_month, model, campaign, share,
    cast(revenue_credit * 100 as bigint)::varchar as cents,
    cast(conversion_credit * 1000000 as bigint)::varchar as micros,
  from int_attribution_credits
  order by all`;

async function creditsIn(warehouse: Warehouse): Promise<SqlCredit[]> {
  const rows = await warehouse.rows<{ order_id: string; order_month: string; model: string; campaign: string; share: number; cents: string; micros: string }>(CREDITS_SQL);
  return rows.map((r) => ({ ...r, share: Number(r.share), cents: BigInt(r.cents), micros: BigInt(r.micros) }));
}

/** Runs the world through the SQL in a warehouse of its own and returns int_attribution_credits (cents and micros exact). */
export async function sqlCreditsOf(files: DataFiles, project: SqlProject): Promise<SqlCredit[]> {
  const dataDir = await writeDataFolder(files);
  const warehouse: Warehouse = await openWarehouse(join(dirname(dataDir), 'warehouse.duckdb'));
  try {
    await fillWarehouse(warehouse, dataDir, project, memoryLogger());
    return await creditsIn(warehouse);
  } finally {
    warehouse.close();
    await rm(dirname(dataDir), { recursive: true, force: true });
  }
}

/**
 * One warehouse and one data folder for many worlds, one after the other: each world's
 * files replace the last one's (ingest reloads the files that changed, as a scheduled run
 * does), which takes about half the time of a new warehouse per world.
 */
export class WorldRunner {
  private readonly project: SqlProject;
  private readonly dataDir: string;
  private readonly warehouse: Warehouse;

  private constructor(project: SqlProject, dataDir: string, warehouse: Warehouse) {
    this.project = project;
    this.dataDir = dataDir;
    this.warehouse = warehouse;
  }

  static async open(project: SqlProject): Promise<WorldRunner> {
    const dataDir = await writeDataFolder({});
    await mkdir(dataDir, { recursive: true });
    return new WorldRunner(project, dataDir, await openWarehouse(join(dirname(dataDir), 'warehouse.duckdb')));
  }

  async credits(files: DataFiles): Promise<SqlCredit[]> {
    for (const name of await readdir(this.dataDir)) if (!(name in files)) await rm(join(this.dataDir, name), { recursive: true, force: true });
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(join(this.dataDir, name)), { recursive: true });
      await writeFile(join(this.dataDir, name), text);
    }
    await fillWarehouse(this.warehouse, this.dataDir, this.project, memoryLogger());
    return creditsIn(this.warehouse);
  }

  async close(): Promise<void> {
    this.warehouse.close();
    await rm(dirname(this.dataDir), { recursive: true, force: true });
  }
}

/**
 * The differences between the SQL's credits and the reference's, as lines (empty: they agree).
 * Cents and micros must be exactly the reference's, or, where the reference allows more than
 * one allocation (a near-midpoint under time decay or data-driven), one of those; shares
 * within 1e-12. A SQL row with share 0 must credit nothing; the reference lists no such row.
 * A campaign whose share is below 1e-12 and that earns nothing may be missing on either side.
 */
export function differences(sql: SqlCredit[], reference: ReferenceResult): string[] {
  const problems: string[] = [];
  const sqlBy = new Map<string, SqlCredit[]>();
  for (const row of sql) {
    if (row.share === 0) {
      if (row.cents !== 0n || row.micros !== 0n) problems.push(`${row.order_id} ${row.model} ${row.campaign}: share 0 but ${row.cents} cents, ${row.micros} micros`);
      continue;
    }
    const key = `${row.order_id}|${row.model}`;
    if (!sqlBy.has(key)) sqlBy.set(key, []);
    sqlBy.get(key)!.push(row);
  }
  const seen = new Set<string>();
  for (const conversion of reference.conversions) {
    const id = conversion.conversion.order_id;
    const path = conversion.path.map((t) => t.campaign).join(' > ') || `(${conversion.credited_by})`;
    for (const model of MODELS) {
      const key = `${id}|${model}`;
      seen.add(key);
      // A share below 1e-12 that earns no cent and no millionth may be missing from the SQL:
      // its DECIMAL(18, 15) weights round a time-decay weight of 2^-60 to 0 (a half-life of
      // half a day, 30 days back). It credits nothing either way.
      const negligible = (campaign: string, share: number) =>
        share < 1e-12 && conversion.allowed[model].cents.every((o) => o.get(campaign) === 0n) && conversion.allowed[model].micros.every((o) => o.get(campaign) === 0n);
      const rows = (sqlBy.get(key) ?? []).filter((r) => !negligible(r.campaign, r.share));
      const expected = new Map([...conversion.shares[model]].filter(([c, s]) => !negligible(c, shareValue(s))));
      const show = () => {
        const ref = [...expected].map(([c, s]) => `${c} ${shareValue(s).toFixed(9)} ${conversion.allowed[model].cents[0]!.get(c)}c ${conversion.allowed[model].micros[0]!.get(c)}µ`).join(', ');
        const got = rows.map((r) => `${r.campaign} ${r.share.toFixed(9)} ${r.cents}c ${r.micros}µ`).join(', ');
        return `order ${id} (${conversion.conversion.order_month}, path ${path}) ${model}: reference ${ref || 'nothing'}; SQL ${got || 'nothing'}`;
      };
      const campaigns = new Set([...expected.keys(), ...rows.map((r) => r.campaign)]);
      if (campaigns.size !== expected.size || rows.length !== expected.size) {
        problems.push(show());
        continue;
      }
      let wrong = rows.some((r) => Math.abs(r.share - shareValue(expected.get(r.campaign)!)) > 1e-12);
      const fits = (options: Map<string, bigint>[], unit: 'cents' | 'micros') => options.some((o) => rows.every((r) => o.get(r.campaign) === r[unit]));
      if (!fits(conversion.allowed[model].cents, 'cents') || !fits(conversion.allowed[model].micros, 'micros')) wrong = true;
      if (wrong) problems.push(show());
    }
  }
  for (const key of sqlBy.keys()) if (!seen.has(key)) problems.push(`SQL credits ${key.replace('|', ' under ')}, which the reference does not count as a conversion`);
  return problems;
}

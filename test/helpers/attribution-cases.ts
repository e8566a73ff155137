// Given/expect attribution cases (test/attribution-cases/<case>/): reading a
// case's input files, its expected credits, and the same credits from the SQL
// or the reference implementation, as rows that compare exactly.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEFAULT_REFERENCE_SETTINGS, MODELS, type ReferenceCredit, type ReferenceOrder, type ReferenceSettings, type ReferenceWorld } from '../reference/attribution.ts';
import type { SqlCredit } from './attribution-world.ts';
import type { DataFiles } from './warehouse.ts';

/** One credit: an order's revenue (cents) and conversion (millionths) that a campaign earns under a model. */
export interface CaseCredit {
  order_id: string;
  model: string;
  campaign: string;
  cents: bigint;
  micros: bigint;
}

export interface AttributionCase {
  name: string;
  files: DataFiles;
  world: ReferenceWorld;
  expected: CaseCredit[];
}

const rowsOf = (text: string) => parse(text, { columns: true, skip_empty_lines: true, trim: false, comment: '#' }) as Record<string, string>[];
const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);

/** Exact units of a decimal text: "33.33" at scale 2 is 3333n. */
function units(text: string, scale: number, where: string): bigint {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] ?? '').length > scale) throw new Error(`${where}: "${text}" is not a number with at most ${scale} decimals`);
  return BigInt(m[1]! + (m[2] ?? '').padEnd(scale, '0'));
}

export function readCase(dir: string): AttributionCase {
  const given = join(dir, 'given');
  const files: DataFiles = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(given, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(given);
  const report = files['report.json'] ? (JSON.parse(files['report.json']) as Record<string, unknown>) : {};
  const settings = Object.fromEntries(
    Object.keys(DEFAULT_REFERENCE_SETTINGS).map((k) => [k, report[k] ?? DEFAULT_REFERENCE_SETTINGS[k as keyof ReferenceSettings]]),
  ) as unknown as ReferenceSettings;
  const world: ReferenceWorld = {
    settings,
    campaigns: rowsOf(files['campaigns.csv'] ?? '').map((r) => ({ campaign: r.campaign!, coupon_code: orNull(r.coupon_code), match: orNull(r.match) })),
    orders: rowsOf(files['orders.csv'] ?? '').map((r) => ({
      order_id: r.order_id!,
      ordered_at: r.ordered_at!,
      customer_id: orNull(r.customer_id),
      revenue: r.revenue!,
      status: r.status as ReferenceOrder['status'],
      refunded_amount: orNull(r.refunded_amount),
      coupon_code: orNull(r.coupon_code),
      utm_source: orNull(r.utm_source),
      utm_campaign: orNull(r.utm_campaign),
    })),
    touchpoints: rowsOf(files['touchpoints.csv'] ?? '').map((r) => ({
      customer_id: r.customer_id!,
      occurred_at: r.occurred_at!,
      utm_campaign: orNull(r.utm_campaign),
      interaction: r.interaction as 'click' | 'view',
    })),
  };
  const expected: CaseCredit[] = [];
  rowsOf(readFileSync(join(dir, 'expect.csv'), 'utf8')).forEach((r, i) => {
    const where = `${join(dir, 'expect.csv')} row ${i + 1}`;
    const models = r.model === '*' ? [...MODELS] : r.model!.split('|').map((m) => m.trim());
    for (const model of models) {
      if (!(MODELS as readonly string[]).includes(model)) throw new Error(`${where}: unknown model "${model}" (one of ${MODELS.join(', ')}, several joined by |, or * for all)`);
      expected.push({ order_id: r.order_id!, model, campaign: r.campaign!, cents: units(r.revenue_credit!, 2, where), micros: units(r.conversion_credit!, 6, where) });
    }
  });
  return { name: dir.split('/').at(-1)!, files, world, expected };
}

export function fromSql(rows: SqlCredit[]): CaseCredit[] {
  // a row with share 0 earns nothing (checked apart); the cases list what campaigns earn
  return rows.filter((r) => r.share !== 0 || r.cents !== 0n || r.micros !== 0n).map(({ order_id, model, campaign, cents, micros }) => ({ order_id, model, campaign, cents, micros }));
}

export function fromReference(credits: ReferenceCredit[]): CaseCredit[] {
  return credits.map(({ order_id, model, campaign, cents, micros }) => ({ order_id, model, campaign, cents, micros }));
}

const money = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
const share = (micros: bigint) => `${micros / 1_000_000n}.${String(micros % 1_000_000n).padStart(6, '0')}`;
const modelOrder = (m: string) => (MODELS as readonly string[]).indexOf(m);

/** Credits as expect.csv lines, sorted (order, model in the catalogue's order, campaign). */
export function creditLines(credits: CaseCredit[]): string[] {
  return [...credits]
    .sort((a, b) => (a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : modelOrder(a.model) - modelOrder(b.model) || (a.campaign < b.campaign ? -1 : a.campaign > b.campaign ? 1 : 0)))
    .map((c) => `${c.order_id},${c.model},${c.campaign},${money(c.cents)},${share(c.micros)}`);
}

/**
 * Credits as expect.csv text, compact: the models of an order that credit exactly the same
 * are one group of lines (`linear|position_based`, `*` for all six).
 */
export function expectCsv(credits: CaseCredit[]): string {
  const byOrder = new Map<string, Map<string, CaseCredit[]>>();
  for (const c of credits) {
    if (!byOrder.has(c.order_id)) byOrder.set(c.order_id, new Map());
    const models = byOrder.get(c.order_id)!;
    if (!models.has(c.model)) models.set(c.model, []);
    models.get(c.model)!.push(c);
  }
  const lines = ['order_id,model,campaign,revenue_credit,conversion_credit'];
  for (const order of [...byOrder.keys()].sort()) {
    const models = byOrder.get(order)!;
    const groups = new Map<string, string[]>();
    for (const model of [...models.keys()].sort((a, b) => modelOrder(a) - modelOrder(b))) {
      const body = creditLines(models.get(model)!.map((c) => ({ ...c, model: '' }))).join('\n');
      if (!groups.has(body)) groups.set(body, []);
      groups.get(body)!.push(model);
    }
    for (const [body, names] of groups) {
      const label = names.length === MODELS.length ? '*' : names.join('|');
      for (const line of body.split('\n')) lines.push(line.replace(/^([^,]*),,/, `$1,${label},`));
    }
  }
  return `${lines.join('\n')}\n`;
}

// Seeded sample data for the Nordlicht report:
//   node data/generator/generate.ts [--out data/sample] [--seed 42] [--scale 1] [--as-of YYYY-MM]
// The same seed and scale give byte-identical files; --as-of writes the folder as it
// was at the end of that month (the same rows, only those up to its last day).

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBrand, REPORT_SETTINGS } from './brand.ts';
import { writeCosts } from './costs.ts';
import { writeExperiments } from './experiments.ts';
import { writeGa4 } from './ga4.ts';
import { buildFxTable, writeEcb } from './formats/ecb.ts';
import { writeGeneric } from './formats/generic.ts';
import { writeGoogleAds } from './formats/google-ads.ts';
import { writeLinkedIn } from './formats/linkedin.ts';
import { writeMeta } from './formats/meta.ts';
import { writeMicrosoftAds } from './formats/microsoft-ads.ts';
import { writeOrganic } from './formats/organic.ts';
import { writeLocal } from './formats/local.ts';
import { writePinterest } from './formats/pinterest.ts';
import { writeSnapchat } from './formats/snapchat.ts';
import { writeTikTok } from './formats/tiktok.ts';
import { writeX } from './formats/x.ts';
import { FULL_FOLDER, writeOrdersAndTouchpoints } from './orders.ts';
import { csvField, cutDay, setCut, withThousands } from './sink.ts';
import { dayOf, lastDayOfMonth, monthKey, DATA_END, DATA_START } from './calendar.ts';
import type { FileSummary } from './sink.ts';
import { planSpend } from './spend.ts';

export interface GenerateOptions {
  out: string;
  seed?: number;
  scale?: number;
  /**
   * `YYYY-MM`: the folder as it is at the end of that month: the same rows as the full
   * generation's, only those dated up to the month's last day, and files covering a
   * range cut to it (named for the range they now cover). Without it, the whole range.
   */
  asOf?: string | null;
}

/** The months --as-of accepts: the first month of data to the last complete one. */
export const AS_OF_FIRST = monthKey(DATA_START);
export const AS_OF_LAST = monthKey(lastDayOfMonth(DATA_END) === DATA_END ? DATA_END : dayOf(`${monthKey(DATA_END)}-01`) - 1);

/** The last day of an --as-of month, checked. */
export function asOfDay(asOf: string): number {
  if (!/^\d{4}-\d{2}$/.test(asOf) || asOf < AS_OF_FIRST || asOf > AS_OF_LAST) {
    throw new Error(`--as-of must be a month YYYY-MM from ${AS_OF_FIRST} to ${AS_OF_LAST}: ${asOf}`);
  }
  return lastDayOfMonth(dayOf(`${asOf}-01`));
}

const TAXONOMY_HEADER = ['campaign', 'name', 'channel', 'funnel_stage', 'influencer', 'coupon_code', 'match'] as const;

async function writeText(out: string, file: string, text: string, rows: number): Promise<FileSummary> {
  const buffer = Buffer.from(text, 'utf8');
  await writeFile(join(out, file), buffer);
  return { file, rows, bytes: buffer.length };
}

export async function generate(options: GenerateOptions): Promise<FileSummary[]> {
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer: ${seed}`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`--scale must be a positive number: ${scale}`);
  const out = options.out;
  const cut = options.asOf ? asOfDay(options.asOf) : null;
  await mkdir(out, { recursive: true });
  setCut(cut);
  try {
    const summaries = await generateAll(out, seed, scale);
    return summaries.filter((s) => !s.discarded);
  } finally {
    setCut(null);
    await rm(join(out, FULL_FOLDER), { recursive: true, force: true });
  }
}

async function generateAll(out: string, seed: number, scale: number): Promise<FileSummary[]> {

  const brand = buildBrand(scale);
  const fx = buildFxTable(seed);
  const plans = planSpend(brand.campaigns, fx, seed);
  const summaries: FileSummary[] = [];

  summaries.push(await writeText(out, 'report.json', `${JSON.stringify(REPORT_SETTINGS, null, 2)}\n`, 1));
  const taxonomy = [
    TAXONOMY_HEADER.join(','),
    ...brand.taxonomy.map((t) =>
      [t.campaign, t.name, t.channel, t.funnel_stage, t.influencer, t.coupon_code].map((v) => csvField(v, ','))
        // the match patterns are separated by `|`: quoted so that no reader takes them for a delimiter
        .concat(csvField(t.match, ',', true)).join(',')),
  ];
  summaries.push(await writeText(out, 'campaigns.csv', `${taxonomy.join('\n')}\n`, brand.taxonomy.length));
  summaries.push(await writeEcb(out, fx));
  summaries.push(await writeCosts(out, brand.costScale));
  summaries.push(await writeExperiments(out, scale));
  summaries.push(...(await writeMeta(out, plans, seed)));
  summaries.push(...(await writeLinkedIn(out, plans, seed)));
  summaries.push(...(await writeGoogleAds(out, plans, seed)));
  summaries.push(...(await writeTikTok(out, plans, seed)));
  summaries.push(...(await writePinterest(out, plans, seed)));
  summaries.push(...(await writeSnapchat(out, plans, seed)));
  // platforms only the large advertiser's portfolio uses (scale > 1)
  summaries.push(...(await writeX(out, plans, seed)));
  summaries.push(...(await writeMicrosoftAds(out, plans, seed)));
  summaries.push(...(await writeGeneric(out, plans, seed)));
  summaries.push(...(await writeOrganic(out, plans, seed)));
  summaries.push(...(await writeLocal(out, seed)));
  summaries.push(...(await writeOrdersAndTouchpoints({ out, seed, scale, brand, plans, fx })));
  // the GA4 export of part of the last month's orders, from the files just written (its own random stream)
  summaries.push(...(await writeGa4(out, seed, cutDay() === null ? out : join(out, FULL_FOLDER))));
  return summaries;
}

export function formatSummary(summaries: readonly FileSummary[]): string[] {
  const width = Math.max(...summaries.map((s) => s.file.length));
  const lines = summaries.map((s) =>
    `${s.file.padEnd(width)}  ${withThousands(String(s.rows)).padStart(9)} rows  ${withThousands(String(s.bytes)).padStart(11)} bytes`);
  const rows = summaries.reduce((n, s) => n + s.rows, 0);
  const bytes = summaries.reduce((n, s) => n + s.bytes, 0);
  lines.push(`${'total'.padEnd(width)}  ${withThousands(String(rows)).padStart(9)} rows  ${withThousands(String(bytes)).padStart(11)} bytes`);
  return lines;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'data/sample' },
      seed: { type: 'string', default: '42' },
      scale: { type: 'string', default: '1' },
      'as-of': { type: 'string' },
    },
    strict: true,
  });
  const started = performance.now();
  const summaries = await generate({ out: values.out, seed: Number(values.seed), scale: Number(values.scale), asOf: values['as-of'] ?? null });
  for (const line of formatSummary(summaries)) console.log(line);
  console.log(`generated ${summaries.length} files into ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

// The bundled sample's report, built once per test run and locale and shared by the test
// files that only read it (layout, locale, consistency, privacy, PDF). A full build takes
// most of a minute on two cores; building it once per locale instead of once per file keeps
// `npm test` short. Test files run in separate processes, so a lock folder makes the first
// caller build while the others wait for its result.
//
// The German report is the sample as it is, printed as a PDF when Chromium is here (through
// report.json's `pdf` and `chromium_path`, so the PDF test sees the setting read). English and
// French change report.json's locale and build on a copy of the German run's warehouse, as a
// user's second run with one setting changed would.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { browserAvailability, CHROMIUM } from './browser.ts';
import { projectRoot, runCli, type CliResult } from './cli.ts';

declare module 'vitest' {
  interface ProvidedContext {
    sampleReports: string;
  }
}

export type SampleLocale = 'de' | 'en' | 'fr';

export interface SampleReport {
  /** The data folder it was built from (a copy of data/sample with report.json's locale set). */
  data: string;
  /** The published report. */
  out: string;
  warehouse: string;
  /** The month's PDF, or null when no Chromium was found to print it. */
  pdf: string | null;
  run: CliResult;
}

const MONTH = '2026-10';
/** A lock older than this was left by a test process that died while building. */
const STALE_LOCK_MS = 15 * 60_000;

function paths(locale: SampleLocale) {
  const dir = join(inject('sampleReports'), locale);
  return {
    dir,
    lock: `${dir}.lock`,
    result: join(dir, 'result.json'),
    data: join(dir, 'data'),
    out: join(dir, 'report'),
    warehouse: join(dir, 'warehouse.duckdb'),
  };
}

function read(locale: SampleLocale): SampleReport | undefined {
  const p = paths(locale);
  if (!existsSync(p.result)) return undefined;
  const { run, printed } = JSON.parse(readFileSync(p.result, 'utf8')) as { run: CliResult; printed: boolean };
  return { data: p.data, out: p.out, warehouse: p.warehouse, pdf: printed ? join(p.out, MONTH, `${MONTH}.pdf`) : null, run };
}

async function build(locale: SampleLocale): Promise<void> {
  const p = paths(locale);
  rmSync(p.dir, { recursive: true, force: true });
  mkdirSync(p.dir, { recursive: true });
  cpSync(join(projectRoot, 'data/sample'), p.data, { recursive: true });
  const settings = JSON.parse(readFileSync(join(p.data, 'report.json'), 'utf8')) as Record<string, unknown>;
  const printed = locale === 'de' && browserAvailability().available;
  const env: Record<string, string> = {};
  if (locale !== 'de') {
    const german = await sampleReport('de');
    for (const suffix of ['', '.wal', '.key']) {
      if (existsSync(german.warehouse + suffix)) cpSync(german.warehouse + suffix, p.warehouse + suffix);
    }
  }
  if (printed) env.REPORT_CHROMIUM_PATH = ''; // the path comes from report.json
  const changed = { ...settings, locale, ...(printed ? { pdf: true, chromium_path: CHROMIUM } : {}) };
  writeFileSync(join(p.data, 'report.json'), JSON.stringify(changed, null, 2));
  const run = await runCli(['--data', p.data, '--out', p.out, '--warehouse', p.warehouse], { env });
  writeFileSync(p.result, JSON.stringify({ run, printed }));
}

/** The sample's report in a locale, built by the first test file that asks for it. */
export async function sampleReport(locale: SampleLocale): Promise<SampleReport> {
  const p = paths(locale);
  for (;;) {
    const done = read(locale);
    if (done) return done;
    try {
      mkdirSync(p.lock);
    } catch {
      // another test file is building it; a lock left by a dead process is taken over
      const lock = statSync(p.lock, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) rmSync(p.lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (!read(locale)) await build(locale);
    } finally {
      rmSync(p.lock, { recursive: true, force: true });
    }
  }
}

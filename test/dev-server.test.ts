// `npm run dev` as a user runs it (the command of package.json's dev script), on a
// free port, on a copy of the tiny data folder and of queries/: it prints the
// address, serves the report, and a page open in Chromium reloads by itself with the
// new numbers a moment after a query is saved. A broken query prints the error with
// its caret and the server keeps the last good data.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailability, launchBrowser } from './helpers/browser.ts';
import { copyFixture, projectRoot } from './helpers/cli.ts';

const browser = browserAvailability();

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

let child: ChildProcess;
let output = '';
let url: string;
let data: string;
let queries: string;
let charts: string;

/** Resolves when the dev server's output matches, within `ms`. */
function waitForOutput(pattern: RegExp, from: number, ms: number): Promise<RegExpExecArray> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const match = pattern.exec(output.slice(from));
      if (match) {
        clearInterval(timer);
        done(match);
      } else if (Date.now() - started > ms || child.exitCode !== null) {
        clearInterval(timer);
        fail(new Error(`no ${pattern} in the dev server's output:\n${output.slice(from)}`));
      }
    }, 50);
  });
}

async function page(path: string): Promise<string> {
  const response = await fetch(new URL(path, url));
  expect(response.status, path).toBe(200);
  return response.text();
}

const edit = async (path: string, from: string, to: string) => {
  const text = await readFile(path, 'utf8');
  expect(text, path).toContain(from);
  await writeFile(path, text.replace(from, to));
};

beforeAll(async () => {
  data = await copyFixture('tiny');
  const work = dirname(data);
  queries = join(work, 'queries');
  charts = join(work, 'charts');
  await cp(join(projectRoot, 'queries'), queries, { recursive: true });
  await mkdir(charts);
  const script = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')).scripts.dev as string;
  expect(script).toBe('node pipeline/dev.ts');
  const port = await freePort();
  child = spawn(
    process.execPath,
    [join(projectRoot, 'pipeline', 'dev.ts'), '--data', data, '--queries', queries, '--warehouse', join(work, 'warehouse.duckdb'), '--cache', join(work, 'cache'), '--out', join(work, 'dist'), '--port', String(port), '--host', '127.0.0.1'],
    // Started as from a shell: vitest's own variables would make Astro's dev server behave as under test.
    {
      cwd: projectRoot,
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST'))), NO_COLOR: '1', INIT_CWD: work, REPORT_CHARTS_DIR: charts },
    },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const [, address] = await waitForOutput(/^dev +(http:\/\/\S+)/m, 0, 120_000);
  url = address!;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('npm run dev', () => {
  it('prints the address of the report it serves, on the port asked for', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(output).toMatch(/^ready +2026-10 in \d+\.\d s/m);
    expect(output).toContain('serves the 2026-10 report of data; saving a file in queries/ or data/ updates it');
    const html = await page('2026-10/channels/');
    expect(html).toContain('<h1>Tiny Test Shop</h1>');
    expect(html).toMatch(/<th scope="row" class="swatched">\s*<span[^>]*><\/span>\s*Meta\s*<\/th>/);
    // The page listens for reloads.
    expect(html).toContain('/@vite/client');
  });

  it.runIf(browser.available)('reloads an open page a moment after a query is saved, with the new numbers', async () => {
    let chromium: Browser | null = null;
    try {
      chromium = await launchBrowser();
      const tab = await chromium.newPage();
      await tab.goto(new URL('2026-10/channels/', url).toString(), { waitUntil: 'load' });
      await tab.waitForFunction(() => !!document.querySelector('#table-channels'));
      expect(await tab.textContent('#table-channels')).toContain('Meta');
      const from = output.length;
      const saved = Date.now();
      await edit(join(queries, 'marts', 'channel_roi.sql'), '        channel,\n        model,', '        upper(channel) as channel,\n        model,');
      const events: string[] = [];
      tab.on('console', (m) => events.push(`console ${m.text()}`));
      tab.on('framenavigated', () => events.push('navigated'));
      await tab.waitForFunction(() => document.querySelector('#table-channels')?.textContent?.includes('META') === true, undefined, { timeout: 30_000 }).catch((e: unknown) => {
        throw new Error(`${String(e)}\n${events.join('\n')}\n${output.slice(from)}`);
      });
      const seconds = (Date.now() - saved) / 1000;
      console.info(`a saved query reached the open page after ${seconds.toFixed(1)} s`);
      expect(seconds).toBeLessThan(10);
      expect(output.slice(from)).toMatch(/^transform +1 of \d+ tables \(queries\/marts\/channel_roi\.sql\)/m);
    } finally {
      await chromium?.close();
    }
  });

  it('prints a broken query with its file, line, column and caret, and keeps serving the last good data', async () => {
    const before = await page('2026-10/channels/');
    const from = output.length;
    await edit(join(queries, 'marts', 'channel_roi.sql'), 'sum(revenue) as revenue', 'sum(revenu) as revenue');
    const [message] = await waitForOutput(/^error: SQL error in queries\/marts\/channel_roi\.sql line (\d+), column 13: Binder Error: Referenced column "revenu" not found.*\n.*sum\(revenu\) as revenue,\n +\^$/m, from, 30_000);
    expect(message).toBeTruthy();
    await waitForOutput(/the server keeps the last good data/, from, 5_000);
    expect(await page('2026-10/channels/')).toBe(before);
    const fixed = output.length;
    await edit(join(queries, 'marts', 'channel_roi.sql'), 'sum(revenu) as revenue', 'sum(revenue) as revenue');
    await waitForOutput(/^ready +2026-10/m, fixed, 30_000);
  });

  it.runIf(browser.available)('reloads an open page when a chart spec is saved, and shows the chart', async () => {
    let chromium: Browser | null = null;
    try {
      chromium = await launchBrowser();
      const tab = await chromium.newPage();
      await tab.goto(new URL('2026-10/channels/', url).toString(), { waitUntil: 'load' });
      // A reload for the export of the test before may still be on its way.
      await tab.waitForTimeout(800);
      await tab.waitForLoadState('load');
      expect(await tab.$('#chart-channel-spend')).toBeNull();
      const spec = { title: 'Media by channel', usermeta: { report: { page: 'channels', mart: 'channel_roi' } }, mark: 'bar', encoding: { y: { field: 'channel', type: 'nominal' }, x: { field: 'media_spend', type: 'quantitative' } } };
      await writeFile(join(charts, 'channel_spend.vl.json'), JSON.stringify(spec));
      await tab.waitForSelector('#chart-channel-spend svg', { timeout: 20_000 });
      expect(await tab.textContent('#chart-channel-spend-title')).toBe('Media by channel');
    } finally {
      await chromium?.close();
    }
  });

  it('follows the data folder too', async () => {
    const from = output.length;
    await edit(join(data, 'report.json'), '"Tiny Test Shop"', '"Tiny Test Shop, live"');
    await waitForOutput(/^ready +2026-10/m, from, 30_000);
    // The server notices the new export within a poll.
    let html = '';
    for (let i = 0; i < 50 && !html.includes('Tiny Test Shop, live'); i++) {
      html = await page('2026-10/channels/');
      if (!html.includes('Tiny Test Shop, live')) await new Promise((done) => setTimeout(done, 100));
    }
    expect(html).toContain('<h1>Tiny Test Shop, live</h1>');
  });
});

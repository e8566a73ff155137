// Browser tests with the system's Chromium (Debian's `chromium` package) through
// playwright-core, which downloads no browser of its own: a static file server for
// a built report, and a crawler that visits every page and checks every link.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Debian's chromium; REPORT_CHROMIUM_PATH points elsewhere (to try the skip and the failure). */
export const CHROMIUM = process.env.REPORT_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
export const REQUIRE_VARIABLE = 'REPORT_REQUIRE_BROWSER';

export interface BrowserAvailability {
  available: boolean;
  /** A missing browser fails the tests instead of skipping them (CI). */
  required: boolean;
  message: string;
}

export function browserAvailability(): BrowserAvailability {
  const available = existsSync(CHROMIUM);
  const required = process.env[REQUIRE_VARIABLE] === '1';
  const message = available
    ? `using ${CHROMIUM}`
    : `browser tests need Chromium at ${CHROMIUM}: install it with \`apt-get install chromium\`` +
      (required ? ` (${REQUIRE_VARIABLE}=1 makes a missing browser a failure)` : ` (set ${REQUIRE_VARIABLE}=1 to make a missing browser a failure)`);
  return { available, required, message };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.arrow': 'application/vnd.apache.arrow.file',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:41234/. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a folder on 127.0.0.1 like any static file server: `/x/` serves
 * `x/index.html`, `/x` without the slash redirects there, anything else is 404.
 */
export async function serveStatic(root: string, prefix = '/'): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        response.writeHead(400).end();
        return;
      }
      if (!path.startsWith(prefix)) {
        response.writeHead(404).end('not found');
        return;
      }
      let file = normalize(join(base, path.slice(prefix.length)));
      if (file !== base && !file.startsWith(base + sep)) {
        response.writeHead(403).end();
        return;
      }
      try {
        const info = await stat(file);
        if (info.isDirectory()) {
          if (!path.endsWith('/')) {
            response.writeHead(301, { Location: `${url.pathname}/` }).end();
            return;
          }
          file = join(file, 'index.html');
        }
        const body = await readFile(file);
        response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((done, fail) => server.close((error) => (error ? fail(error) : done()))),
  };
}

export interface PageProblems {
  /** Console errors, uncaught exceptions and failed requests of the page. */
  errors: string[];
}

/** Opens a page and records everything that went wrong while it loaded. */
export async function visit(context: BrowserContext, url: string): Promise<{ page: Page; status: number | null; problems: PageProblems }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, status: response?.status() ?? null, problems: { errors } };
}

export interface CrawlResult {
  /** Every HTML page reached, as URLs. */
  pages: string[];
  /** Every other file linked (CSV, Arrow, JSON), as URLs. */
  files: string[];
  /** "page -> link: what is wrong". */
  broken: string[];
  /** "page: error". */
  errors: string[];
}

/**
 * Visits every page reachable from `start` within `base` in the browser, following
 * every `<a href>`: pages are opened (console errors and failed requests recorded),
 * other files fetched, and `#fragment` links checked against the target's ids.
 */
export async function crawl(context: BrowserContext, base: string, start: string, concurrency = 6): Promise<CrawlResult> {
  const seen = new Set<string>([start]);
  const queue = [start];
  const pages: string[] = [];
  const files = new Map<string, string>();
  const fragments: { from: string; target: string; id: string }[] = [];
  const ids = new Map<string, Set<string>>();
  const broken: string[] = [];
  const errors: string[] = [];

  let active = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const url = queue.shift();
      if (url === undefined) {
        // Done when no other worker is still reading a page that may add links.
        if (active === 0) return;
        await new Promise((done) => setTimeout(done, 5));
        continue;
      }
      active++;
      const { page, status, problems } = await visit(context, url);
      try {
        if (status !== 200) {
          broken.push(`${url}: HTTP ${String(status)}`);
          continue;
        }
        pages.push(url);
        for (const error of problems.errors) errors.push(`${url}: ${error}`);
        ids.set(url, new Set(await page.$$eval('[id]', (elements) => elements.map((e) => e.id))));
        const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
        for (const link of links) {
          if (!link.startsWith(base)) {
            broken.push(`${url} -> ${link}: leaves the report`);
            continue;
          }
          const target = new URL(link);
          const id = decodeURIComponent(target.hash.slice(1));
          target.hash = '';
          const clean = target.toString();
          if (id) fragments.push({ from: url, target: clean, id });
          if (seen.has(clean)) continue;
          seen.add(clean);
          if (clean.endsWith('/') || clean.endsWith('.html')) queue.push(clean);
          else files.set(clean, url);
        }
      } finally {
        await page.close();
        active--;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));

  await Promise.all(
    [...files].map(async ([file, from]) => {
      const response = await fetch(file);
      const body = await response.arrayBuffer();
      if (response.status !== 200) broken.push(`${from} -> ${file}: HTTP ${response.status}`);
      else if (body.byteLength === 0) broken.push(`${from} -> ${file}: empty file`);
    }),
  );
  for (const { from, target, id } of fragments) {
    if (!ids.get(target)?.has(id)) broken.push(`${from} -> ${target}#${id}: no element with that id`);
  }
  return { pages: pages.sort(), files: [...files.keys()].sort(), broken, errors };
}

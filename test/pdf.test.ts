// The month's report as a PDF (pipeline/pdf.ts): the bundled sample built with `"pdf": true`
// in report.json, then read back with poppler's pdfinfo and pdftotext: A4, the five sections
// under their running header, "Seite X von Y" on every page, nothing cut across a page. And
// the failures: no Chromium at the path, or one that does not start, give exit 10, and the
// report is published as without the option (no PDF, no link to one).
//
// Needs Chromium (like test/browser.test.ts) and poppler-utils; without them the tests are
// skipped with a message, and with REPORT_REQUIRE_BROWSER=1 (CI) they fail.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../pipeline/errors.ts';
import { chromiumPath, countPages, openPrintDocument, PDF_OPTIONS, printMonthPdf } from '../pipeline/pdf.ts';
import { messages } from '../site/lib/i18n.ts';
import { cssString, pageOfContent, printPageCss } from '../site/lib/print.ts';
import { browserAvailability, CHROMIUM, CHROMIUM_ARGS } from './helpers/browser.ts';
import { projectRoot, runCli, tempDir, type CliResult } from './helpers/cli.ts';
import { sampleReport } from './helpers/sample-report.ts';

const browser = browserAvailability();
const poppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const ready = browser.available && poppler;
const why = browser.available ? 'PDF tests need pdftotext and pdfinfo: install them with `apt-get install poppler-utils`' : browser.message;
if (!ready && !browser.required) console.warn(`PDF tests skipped: ${why}`);

describe.runIf(!ready && browser.required)('the PDF tests', () => {
  it('have Chromium and poppler-utils', () => {
    throw new Error(why);
  });
});

describe('the printed pages\' running lines', () => {
  it('put the locale\'s "page X of Y" around the page counters', () => {
    expect(pageOfContent(messages('de').print.pageOf)).toBe('"Seite " counter(page) " von " counter(pages)');
    expect(pageOfContent(messages('en').print.pageOf)).toBe('"Page " counter(page) " of " counter(pages)');
  });

  it('quote a title that holds quotes, backslashes or markup as a CSS string', () => {
    expect(cssString('Shop "Nord" \\ </style>')).toBe('"Shop \\22 Nord\\22  \\5C  \\3C /style>"');
    const css = printPageCss({ section: 'channels', sectionTitle: 'Kanäle', reportTitle: 'A </style> B', month: 'Oktober 2026', pageOf: messages('de').print.pageOf });
    expect(css).not.toContain('</style>');
    expect(css).toContain('@page report-channels {');
    expect(css).toContain('[data-print-page="report-channels"] { page: report-channels; }');
  });

  it('take Chromium from REPORT_CHROMIUM_PATH before report.json', () => {
    expect(chromiumPath('/usr/bin/chromium', {})).toBe('/usr/bin/chromium');
    expect(chromiumPath('/usr/bin/chromium', { REPORT_CHROMIUM_PATH: '' })).toBe('/usr/bin/chromium');
    expect(chromiumPath('/usr/bin/chromium', { REPORT_CHROMIUM_PATH: '/opt/chromium/chrome' })).toBe('/opt/chromium/chrome');
  });

  it('count a PDF\'s pages by their page dictionaries, not the page tree', () => {
    expect(countPages(Buffer.from('<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page/Parent 1 0 R>>'))).toBe(2);
  });
});

const MONTH = '2026-10';
/** The page content of A4 under the print stylesheet's margins (16 mm top, 14 mm bottom, 12 mm each side), in CSS px. */
const MM = 96 / 25.4;
const CONTENT = { width: Math.round((210 - 24) * MM), height: (297 - 30) * MM };

/** The text of each page, as pdftotext lays it out. */
function pagesOf(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map(String);
}

describe.runIf(ready)('the month as a PDF', () => {
  let out: string;
  let run: CliResult;
  let pdf: string;

  beforeAll(async () => {
    // the German sample, built once per test run with `"pdf": true` and `chromium_path` in
    // report.json (the other runs below use --pdf) and REPORT_CHROMIUM_PATH empty
    const report = await sampleReport('de');
    ({ out, run } = report);
    pdf = join(out, MONTH, `${MONTH}.pdf`);
    if (report.pdf !== pdf) throw new Error(`the shared sample report was not printed (exit ${String(run.code)}):\n${run.stderr}`);
  }, 600_000);

  it('is printed after the build and written beside the month, linked from its overview', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^build +\d+ pages for 2026-10 in .*\npdf +2026-10\/2026-10\.pdf: \d+ pages A4, [\d.]+ MB in [\d.]+ s\n/m);
    expect(run.stdout).toMatch(/^report +2026-10 ready: .*index\.html, .*2026-10\/2026-10\.pdf/m);
    expect(existsSync(pdf)).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(filesUnder(out).filter((f) => /\.pdf|partial/.test(f))).toEqual([`${MONTH}/${MONTH}.pdf`]);
    // the month's overview and the landing page (the same month) link to it; another month has none
    expect(readFileSync(join(out, MONTH, 'index.html'), 'utf8')).toContain(`href="../${MONTH}/${MONTH}.pdf"`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`href="${MONTH}/${MONTH}.pdf"`);
    expect(readFileSync(join(out, '2026-09', 'index.html'), 'utf8')).not.toMatch(/\.pdf"/);
  });

  it('is A4, every page under the running header with its section and "Seite X von Y", in German', () => {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '1000', pdf], { encoding: 'utf8' });
    const count = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
    expect(count).toBeGreaterThanOrEqual(6);
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1]);
    expect(sizes).toEqual(Array.from({ length: count }, () => '594.96 x 841.92 pts (A4)'));
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(countPages(readFileSync(pdf))).toBe(count);
    expect(run.stdout).toContain(`pdf       2026-10/2026-10.pdf: ${count} pages A4`);

    const pages = pagesOf(pdf);
    expect(pages).toHaveLength(count);
    const sections = pages.map((text, i) => {
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      expect(lines[0], `page ${i + 1}`).toMatch(/^\s*Nordlicht Naturkosmetik – Social-Media-ROI · Oktober 2026\s{2,}\S/);
      expect(lines.at(-1)!.trim(), `page ${i + 1}`).toBe(`Seite ${i + 1} von ${count}`);
      return lines[0]!.split(/\s{2,}/).at(-1)!;
    });
    // each section on pages of its own, in the order of the site's navigation
    expect(sections.filter((s, i) => s !== sections[i - 1])).toEqual(['Überblick', 'Kanäle', 'Kampagnen', 'Attribution', 'Kosten']);
    const text = pages.join('\n');
    for (const heading of ['Kennzahlen des Monats', 'Alle Kanäle', 'Einstellungen der Attribution', 'Kosten je Kampagne']) expect(text).toContain(heading);
    // no page frame of the web: navigation, downloads, skip link; no English page numbers
    for (const web of ['Monat wählen', 'Zum Inhalt springen', 'Herunterladen:', 'Excel-Mappe der Seite', 'Bericht als PDF', 'Page 1 of']) expect(text).not.toContain(web);
  });

  /**
   * Marks the top and the bottom edge of every chart, tile, table row and table with a tiny
   * text, prints, and finds each mark's page: an element whose two marks are on different
   * pages was cut. A table taller than a page must break (between rows, which are checked).
   */
  async function cutElements(siteDir: string, loosen: boolean): Promise<{ checked: number; charts: number; cut: string[] }> {
    const chromiumBrowser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await openPrintDocument(chromiumBrowser, siteDir, MONTH);
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: CONTENT.width, height: 1000 });
      const marked = await page.evaluate(
        ({ limit, loosen }) => {
          if (loosen) {
            const style = document.createElement('style');
            style.textContent = '* { break-inside: auto !important; }';
            document.head.append(style);
          }
          const found: { id: number; what: string; tall: boolean; chart: boolean }[] = [];
          for (const element of document.querySelectorAll<HTMLElement>('.chart, .tile, .table-block, .data-table tr')) {
            if (element.getClientRects().length === 0) continue; // not printed (display: none)
            const host = element.tagName === 'TR' ? (element.firstElementChild as HTMLElement | null) : element;
            if (!host) continue;
            const id = found.length;
            found.push({
              id,
              what: `${element.tagName.toLowerCase()}.${element.className}: ${(element.textContent ?? '').trim().slice(0, 60)}`,
              tall: element.getBoundingClientRect().height > limit,
              chart: element.matches('.chart'),
            });
            if (getComputedStyle(host).position === 'static') host.style.position = 'relative';
            for (const [edge, tag] of [['top', 'S'], ['bottom', 'E']] as const) {
              const mark = document.createElement('span');
              mark.textContent = `QQ${tag}${id}QQ`;
              mark.style.cssText = `position: absolute; ${edge}: 0; left: 0; font-size: 2px; line-height: 1; color: #fff; white-space: nowrap;`;
              host.append(mark);
            }
          }
          return found;
        },
        { limit: CONTENT.height, loosen },
      );
      const file = join(await mkdtemp(join(tmpdir(), 'roi-pdf-marks-')), 'marked.pdf');
      writeFileSync(file, await page.pdf(PDF_OPTIONS));
      const pageOf = new Map<string, number>();
      pagesOf(file).forEach((text, i) => {
        for (const m of text.matchAll(/QQ([SE]\d+)QQ/g)) pageOf.set(m[1]!, i + 1);
      });
      const cut: string[] = [];
      for (const m of marked) {
        const [start, end] = [pageOf.get(`S${m.id}`), pageOf.get(`E${m.id}`)];
        expect(start !== undefined && end !== undefined, `marks of ${m.what}`).toBe(true);
        if (start !== end && !m.tall) cut.push(`pages ${start}-${end}: ${m.what}`);
      }
      return { checked: marked.length, charts: marked.filter((m) => m.chart).length, cut };
    } finally {
      await chromiumBrowser.close();
    }
  }

  it('cuts no chart, tile, table row, or table that fits on a page', async () => {
    const { checked, charts, cut } = await cutElements(realpathSync(out), false);
    expect(charts).toBeGreaterThanOrEqual(8);
    expect(checked).toBeGreaterThan(80);
    expect(cut).toEqual([]);
  });

  it('(the check above finds cuts where the print stylesheet allows them)', async () => {
    const { cut } = await cutElements(realpathSync(out), true);
    expect(cut.length).toBeGreaterThan(0);
  });
});

describe.runIf(ready)('when the PDF cannot be printed', () => {
  let dir: string;
  const fixture = join(projectRoot, 'test/fixtures/tiny');

  beforeAll(async () => {
    dir = await tempDir('pdf-fail');
  });

  /** The report is published as without --pdf: every page, no PDF, no link to one; the log says why. */
  function expectPublishedWithoutPdf(out: string, run: CliResult, message: string) {
    expect(run.code, run.stderr).toBe(EXIT.pdf);
    expect(run.stderr).toContain(`error: PDF not written: ${message}`);
    expect(run.stdout).toMatch(/^report +2026-10 ready: .*index\.html \(/m);
    const files = filesUnder(out);
    for (const page of ['index.html', '2026-10/index.html', '2026-10/channels/index.html', '2026-10/campaigns/index.html', '2026-10/attribution/index.html', '2026-10/costs/index.html', 'data/manifest.json']) {
      expect(files).toContain(page);
    }
    expect(files.filter((f) => /\.pdf|partial/.test(f))).toEqual([]);
    for (const page of files.filter((f) => f.endsWith('.html'))) expect(readFileSync(join(out, page), 'utf8'), page).not.toMatch(/\.pdf"/);
    const log = readFileSync(`${out}.log.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log.find((l) => l.event === 'error')?.message).toContain(message);
    expect(log.at(-1)).toMatchObject({ event: 'end', exit_code: 10 });
  }

  it('without Chromium at the path: exit 10, what to install, and the report published', async () => {
    const out = join(dir, 'missing');
    const run = await runCli(['--data', fixture, '--out', out, '--warehouse', join(dir, 'warehouse.duckdb'), '--pdf'], { env: { REPORT_CHROMIUM_PATH: '/nonexistent/chromium' } });
    expectPublishedWithoutPdf(out, run, 'no Chromium at /nonexistent/chromium: install the system\'s Chromium (Debian/Ubuntu: apt-get install chromium)');
    // known before the build: built once, without the link
    expect(run.stdout.match(/^build /gm)).toHaveLength(1);
  });

  it('with a program there that is no Chromium: exit 10, and the site built again without the link', async () => {
    const out = join(dir, 'not-chromium');
    const run = await runCli(['--data', fixture, '--out', out, '--warehouse', join(dir, 'warehouse.duckdb'), '--pdf'], { env: { REPORT_CHROMIUM_PATH: '/bin/false' } });
    expectPublishedWithoutPdf(out, run, 'Chromium at /bin/false did not start');
    expect(run.stdout).toMatch(/^build +\d+ pages for 2026-10 in .*\nbuild +\d+ pages for 2026-10, again without the PDF in/m);
  });

  it('leaves no file behind when Chromium cannot open the pages', async () => {
    const site = await mkdtemp(join(tmpdir(), 'roi-pdf-empty-'));
    await expect(printMonthPdf({ siteDir: site, month: MONTH, chromium: CHROMIUM })).rejects.toMatchObject({
      exitCode: EXIT.pdf,
      message: expect.stringContaining(`PDF not written: Chromium could not print ${join(site, MONTH, `${MONTH}.pdf`)}`),
    });
    expect(readdirSync(site)).toEqual([]);
  });
});

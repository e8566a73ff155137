// The month's report as one PDF (`npm run report -- --pdf`, or `"pdf": true` in
// report.json): the overview, channels, campaigns, attribution and costs pages of the
// built site, put into one document in the system's headless Chromium and printed
// with the site's print stylesheet: A4, a running header (title, month, section) and
// "page X of Y" on every page (site/lib/print.ts), each section on a new page, with
// continuous page numbers. It is written beside the month's pages
// (`<out>/2026-10/2026-10.pdf`, site/lib/routes.ts pdfPath) through a temporary file,
// so a print that fails leaves no PDF, never half of one.
//
// Chromium is not bundled: playwright-core drives the one the system has (Debian and
// Ubuntu: `apt-get install chromium`), at report.json's chromium_path, or at
// REPORT_CHROMIUM_PATH when that is set. A failure to print is its own exit code (10):
// the site is built and published as without the option (report.ts).
import { accessSync, constants } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { MONTH_SECTIONS, monthPath, pdfPath } from '../site/lib/routes.ts';
import { EXIT, ReportError } from './errors.ts';

/** The pages the PDF holds, in order; the overview's own page frame opens the document. */
export const PDF_SECTIONS = ['overview', 'channels', 'campaigns', 'attribution', 'costs'] as const satisfies readonly (typeof MONTH_SECTIONS)[number][];

export const DEBIAN_PACKAGE = 'chromium';
export const CHROMIUM_VARIABLE = 'REPORT_CHROMIUM_PATH';

/**
 * `--no-sandbox`: Chromium's sandbox cannot start as root, which is how a container or a
 * CI job runs the report; the browser opens only the report's own pages from disk, offline.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const TIMEOUT_MS = 120_000;

/** The Chromium to print with: REPORT_CHROMIUM_PATH, else report.json's chromium_path. */
export function chromiumPath(setting: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[CHROMIUM_VARIABLE];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : setting;
}

function pdfError(message: string, cause?: unknown): ReportError {
  return new ReportError(`PDF not written: ${message}; the report itself is published without it`, { exitCode: EXIT.pdf, cause });
}

function firstLine(error: unknown): string {
  // Playwright's messages run on with a call log and ASCII boxes; the first line says what happened
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^[\w.]+: /, '');
}

/** The failure to report when no program can be run at `executable` (known before the site is built), else null. */
export function missingChromium(executable: string): ReportError | null {
  try {
    accessSync(executable, constants.X_OK);
    return null;
  } catch {
    return pdfError(
      `no Chromium at ${executable}: install the system's Chromium (Debian/Ubuntu: apt-get install ${DEBIAN_PACKAGE}), ` +
        `or give its path as chromium_path in report.json or in ${CHROMIUM_VARIABLE}`,
    );
  }
}

export interface PrintedPdf {
  /** The PDF's path inside the site folder, e.g. 2026-10/2026-10.pdf. */
  path: string;
  pages: number;
  bytes: number;
}

/**
 * Prints the month's PDF into the built site at `siteDir`. Throws a ReportError with exit
 * code 10 (EXIT.pdf) that names what to do when Chromium is missing, does not start or
 * cannot print.
 */
export async function printMonthPdf(options: { siteDir: string; month: string; chromium: string }): Promise<PrintedPdf> {
  const executable = options.chromium;
  const missing = missingChromium(executable);
  if (missing) throw missing;
  let browser: Browser;
  try {
    // loaded here, not at the top: playwright-core takes most of a second to load, and a run without --pdf never needs it
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS, headless: true, timeout: TIMEOUT_MS });
  } catch (error) {
    throw pdfError(`Chromium at ${executable} did not start (${firstLine(error)}); is it a Chromium (Debian/Ubuntu: apt-get install ${DEBIAN_PACKAGE})?`, error);
  }
  const target = join(options.siteDir, pdfPath(options.month));
  const partial = `${target}.${process.pid}.partial`;
  try {
    const page = await openPrintDocument(browser, options.siteDir, options.month);
    const pdf = await page.pdf(PDF_OPTIONS);
    await writeFile(partial, pdf);
    await rename(partial, target);
    return { path: pdfPath(options.month), pages: countPages(pdf), bytes: pdf.byteLength };
  } catch (error) {
    await rm(partial, { force: true });
    throw pdfError(`Chromium could not print ${target} (${firstLine(error)})`, error);
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/** A4 and the margins from the print stylesheet's @page rule; backgrounds (tiles, bars); headings as the PDF's outline. */
export const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true, tagged: true, outline: true } as const;

/**
 * The month's sections of the built site at `siteDir` as one document in a new page of
 * `browser`, ready to print (`page.pdf(PDF_OPTIONS)`); the tests lay it out too.
 * The pages are read from disk (`file:`), without JavaScript and offline: the report
 * needs neither, and a PDF must not depend on the network.
 */
export async function openPrintDocument(browser: Browser, siteDir: string, month: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  context.setDefaultTimeout(TIMEOUT_MS);
  const url = (section: (typeof PDF_SECTIONS)[number]) => pathToFileURL(join(siteDir, monthPath(month, section), 'index.html')).href;
  const sections: PrintSection[] = [];
  for (const section of PDF_SECTIONS.slice(1)) {
    const other = await context.newPage();
    await other.goto(url(section));
    sections.push(await other.evaluate(readSection));
    await other.close();
  }
  const page = await context.newPage();
  await page.goto(url('overview'));
  await assembleDocument(page, sections);
  return page;
}

/** One section's page, as the PDF takes it: its title, its main content and its print header rule. */
export interface PrintSection {
  title: string;
  main: string;
  printPage: string;
  printCss: string;
}

/** Runs in the page of a section (so: nothing from this module's scope). */
function readSection(): PrintSection {
  const main = document.querySelector('main');
  if (!main) throw new Error(`${location.pathname} has no <main>`);
  return {
    title: document.querySelector('.report-kicker')?.textContent?.trim() ?? document.title,
    main: main.innerHTML,
    printPage: document.body.dataset.printPage ?? '',
    printCss: document.querySelector('style[data-print-header]')?.textContent ?? '',
  };
}

/**
 * Turns the overview's page into the whole document: each further section after it, under
 * its title, as a named page of its own (a new page, its name in the running header).
 * Links are made plain text: their targets are files of the site, which a PDF passed on
 * by mail does not have beside it.
 */
async function assembleDocument(page: Page, sections: PrintSection[]): Promise<void> {
  await page.evaluate((parts) => {
    for (const part of parts) {
      const style = document.createElement('style');
      style.textContent = part.printCss;
      document.head.append(style);
      const main = document.createElement('main');
      main.className = 'page print-section';
      main.dataset.printPage = part.printPage;
      const heading = document.createElement('h1');
      heading.className = 'print-section-title';
      heading.textContent = part.title;
      main.innerHTML = part.main;
      main.prepend(heading);
      document.body.append(main);
    }
    // the settings and the data preparation's notes (the page frame's footer) close the document
    const footer = document.querySelector('body > footer');
    const last = document.querySelector('body > main:last-of-type');
    if (footer && last) last.append(footer);
    for (const link of document.querySelectorAll('a[href]')) link.removeAttribute('href');
  }, sections);
}

/** Pages of a PDF as Chromium (Skia) writes it: one `/Type /Page` dictionary each. */
export function countPages(pdf: Uint8Array): number {
  return Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

// The running header and footer of every printed page, as CSS @page rules: the report's
// title and month at the top left, the page's section at the top right, "Seite 3 von 14"
// at the bottom right. Each section is a named page (`page: report-channels`), so a
// document that holds several sections (the month's PDF, pipeline/pdf.ts) names each one
// on its own pages and starts it on a new page. Chromium draws @page margin boxes since
// version 131; a browser without them prints the pages without the running lines.

/** The named page of a section, and the value of `data-print-page` that selects it. */
export function printPageName(section: string): string {
  return `report-${section.replace(/[^a-z0-9-]/gi, '-')}`;
}

/** A CSS string literal: quotes, backslashes and line breaks escaped, `<` too (the rule sits in a <style> element). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()} `)}"`;
}

/**
 * The CSS `content` of "page X of Y" in the report's words: the locale's sentence with
 * the page counters where its placeholders were (`"Seite " counter(page) " von " counter(pages)`).
 */
export function pageOfContent(pageOf: (page: string, pages: string) => string): string {
  const PAGE = '\u0000page\u0000';
  const PAGES = '\u0000pages\u0000';
  return pageOf(PAGE, PAGES)
    .split(/(\u0000pages?\u0000)/)
    .filter((part) => part !== '')
    .map((part) => (part === PAGE ? 'counter(page)' : part === PAGES ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

const MARGIN_TEXT = "font: 7.5pt system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: #5b6470;";

/** The @page rules of one section's printed pages. */
export function printPageCss(options: { section: string; sectionTitle: string; reportTitle: string; month: string; pageOf: (page: string, pages: string) => string }): string {
  const name = printPageName(options.section);
  return [
    `@media print { [data-print-page="${name}"] { page: ${name}; } }`,
    `@page ${name} {`,
    `  @top-left { content: ${cssString(`${options.reportTitle} · ${options.month}`)}; ${MARGIN_TEXT} }`,
    `  @top-right { content: ${cssString(options.sectionTitle)}; ${MARGIN_TEXT} }`,
    `  @bottom-right { content: ${pageOfContent(options.pageOf)}; ${MARGIN_TEXT} }`,
    '}',
  ].join('\n');
}

/**
 * Whether the month's PDF is beside this build: the pipeline builds with REPORT_PDF=1 when
 * it is to print one (and builds again without it when printing fails, so the overview
 * never links to a PDF that is not there).
 */
export function pdfBesideSite(): boolean {
  return process.env.REPORT_PDF === '1';
}

// Where every page and file of the report lives, as paths from the site root
// without a leading slash. Pages link to each other with relativeUrl(), so the
// report works from any folder of any static file server.

export const MONTH_SECTIONS = ['overview', 'channels', 'campaigns', 'influencers', 'attribution', 'engagement', 'costs'] as const;
export type MonthSection = (typeof MONTH_SECTIONS)[number];

/** The pages of one month: `2026-10/` and `2026-10/channels/`. */
export function monthPath(month: string, section: MonthSection = 'overview'): string {
  return section === 'overview' ? `${month}/` : `${month}/${section}/`;
}

/** A campaign's page, one for all months. */
export function campaignPath(slug: string): string {
  return `campaigns/${slug}/`;
}

export const DATA_QUALITY_PATH = 'data-quality/';
export const METHODOLOGY_PATH = 'methodology/';

/** A file of the data folder, which the pipeline moves to `data/` beside the pages. */
export function dataPath(file: string): string {
  return `data/${file}`;
}

/**
 * The month's report as one PDF (`npm run report -- --pdf`, pipeline/pdf.ts writes it),
 * beside the month's pages and its workbook: `2026-10/2026-10.pdf`.
 */
export function pdfPath(month: string): string {
  return `${month}/${month}.pdf`;
}

/** A table's CSV file, beside the page that shows it. */
export function csvPath(pagePath: string, id: string): string {
  return `${pagePath}${id}.csv`;
}

/**
 * A link from the page at `pathname` (Astro.url.pathname) to `target`, a path from
 * the site root without a leading slash. Relative, so the report works from any
 * folder. Pages are built as `<folder>/index.html` (build.format 'directory').
 */
export function relativeUrl(pathname: string, target: string): string {
  const segments = pathname.split('/').filter(Boolean);
  const depth = segments.at(-1)?.includes('.') ? segments.length - 1 : segments.length;
  const link = '../'.repeat(depth) + target;
  return link === '' ? './' : link;
}

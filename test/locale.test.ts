// One language per report (issue 20): the sample built in German and in French, and
// every page of each (all 121 of the month's build: overview, channels, campaigns,
// influencers, attribution, engagement and costs of every month, every campaign page,
// data quality, methodology, the archive) read as a reader sees it. A page fails on:
//   - a text of the English catalogue (site/lib/i18n*.ts, and the English lines of the
//     SQL's metrics, models, data tests and datasets in catalog.json) that differs from
//     the page locale's text, in fragments of two words or 12 characters or more, so
//     that "ROI" or "CPA", the same in every language, are no hit;
//   - a raw key shown as words: a snake_case identifier (last_touch, link_clicks),
//     a backtick, a `queries/….sql` path. A name is allowed inside <code> only, where
//     the name is the point: a file, a dataset, a column, a campaign key;
//   - an ISO date (2026-10-31) in the text: dates go through format.ts in the locale
//     (a <time datetime> attribute is not text).
// And the catalogues are complete: the French objects are typed by the German ones
// (a missing key fails the typecheck); what the typecheck cannot see is tested here:
// each SQL text has a line per locale, each engagement definition of the importers has
// words in every locale, and the checks themselves find what they are meant to find.
import { readFile, readdir } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { metricDefinitions } from '../pipeline/catalog.ts';
import { LOCALES } from '../pipeline/config.ts';
import type { QueryFile } from '../pipeline/queries.ts';
import { messages, type Locale } from '../site/lib/i18n.ts';
import { experimentMessages } from '../site/lib/i18n-experiments.ts';
import { localMessages } from '../site/lib/i18n-local.ts';
import { ga4Messages } from '../site/lib/i18n-ga4.ts';
import { intervalMessages } from '../site/lib/i18n-intervals.ts';
import { noteMessages } from '../site/lib/i18n-notes.ts';
import { messagingMessages } from '../site/lib/i18n-messaging.ts';
import { codeParts } from '../site/lib/code-text.ts';
import { projectRoot, type CliResult } from './helpers/cli.ts';
import { sampleReport } from './helpers/sample-report.ts';
import { catalogueLeaves, distinctive, foreignFragments, isoDates, pageText, rawKeys } from './helpers/page-text.ts';

const BUILT: Locale[] = ['de', 'fr'];

/** The site's catalogues of a locale, as leaves. */
function siteLeaves(locale: Locale): Map<string, string[]> {
  return catalogueLeaves({ main: messages(locale), intervals: intervalMessages(locale), experiments: experimentMessages(locale), ga4: ga4Messages(locale), notes: noteMessages(locale), local: localMessages(locale), messaging: messagingMessages(locale) });
}

type Texts = Partial<Record<string, string>>;
interface CatalogJson {
  metrics: { key: string; name: Texts; definition: Texts }[];
  models: { key: string; label: Texts; description: Texts }[];
  tests: { name: string; description: Texts }[];
  marts: { name: string; description: Texts }[];
}

/** The SQL's texts of catalog.json as leaves of one locale, each split where code is set apart (code is not prose). */
function sqlLeaves(catalog: CatalogJson, locale: string): Map<string, string[]> {
  const leaves = new Map<string, string[]>();
  const add = (path: string, text: string | undefined) => {
    if (text !== undefined) leaves.set(path, codeParts(text).filter((p) => !p.code).map((p) => p.text));
  };
  for (const m of catalog.metrics) add(`metric.${m.key}.name`, m.name[locale]), add(`metric.${m.key}.definition`, m.definition[locale]);
  for (const m of catalog.models) add(`model.${m.key}.label`, m.label[locale]), add(`model.${m.key}.description`, m.description[locale]);
  for (const t of catalog.tests) add(`test.${t.name}`, t.description[locale]);
  for (const m of catalog.marts) add(`dataset.${m.name}`, m.description[locale]);
  return leaves;
}

function htmlPages(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).map((f) => join(dir, f)).sort();
}

/** What a page shows that its locale should not: English fragments, raw keys, ISO dates. */
function findings(html: string, english: { path: string; fragment: string }[]): string[] {
  const { prose, attributes } = pageText(html);
  const seen = [prose, ...attributes].join('\n');
  return [
    ...english.filter((e) => seen.includes(e.fragment)).map((e) => `English (${e.path}): "${e.fragment}"`),
    ...rawKeys(seen).map((k) => `raw key: ${k}`),
    ...isoDates(seen).map((d) => `ISO date: ${d}`),
  ];
}

describe('the sample report in German and in French', () => {
  const runs = new Map<Locale, { out: string; run: CliResult }>();
  beforeAll(async () => {
    // the second build reuses the first one's warehouse, reading only the changed report.json again
    for (const locale of BUILT) runs.set(locale, await sampleReport(locale));
  }, 600_000);

  for (const locale of BUILT) {
    describe(locale, () => {
      it('builds', () => {
        const { run } = runs.get(locale)!;
        // warnings go to stderr (the data test that warns on the sample); nothing worse
        expect(run.stderr).not.toMatch(/error/i);
        expect(run.code).toBe(0);
      });

      it('shows no English text, raw key or ISO date on any of its pages', async () => {
        const { out } = runs.get(locale)!;
        const catalog = JSON.parse(await readFile(join(out, 'data', 'catalog.json'), 'utf8')) as CatalogJson;
        const english = [...foreignFragments(siteLeaves('en'), siteLeaves(locale)), ...foreignFragments(sqlLeaves(catalog, 'en'), sqlLeaves(catalog, locale))];
        expect(english.length).toBeGreaterThan(400);
        const pages = htmlPages(out);
        expect(pages.length).toBe(121);
        const problems: string[] = [];
        for (const page of pages) {
          const html = await readFile(page, 'utf8');
          expect(html, relative(out, page)).toContain(`<html lang="${locale}"`);
          for (const finding of findings(html, english)) problems.push(`${relative(out, page)}: ${finding}`);
        }
        expect([...new Set(problems)].slice(0, 40)).toEqual([]);
      });

      it('words the data test that warned in the report’s language, its file as code', async () => {
        const { out } = runs.get(locale)!;
        const html = await readFile(join(out, 'data-quality', 'index.html'), 'utf8');
        const words = { de: 'Betroffen: 1 Zeile (Datentest', fr: 'Concerné : 1 ligne (test de données' }[locale as 'de' | 'fr'];
        expect(pageText(html).prose).toContain(words);
        expect(html).toContain('<code>queries/tests/platform_campaigns_mapped.sql</code>');
      });
    });
  }
});

describe('the checks find what they are meant to find', () => {
  const english = foreignFragments(siteLeaves('en'), siteLeaves('de'));
  const page = (body: string) => `<html lang="de"><head><title>Bericht</title></head><body>${body}</body></html>`;

  it('an English catalogue text on a German page', () => {
    expect(findings(page('<p>Datenstand: 15.11.2026</p>'), english)).toEqual([]);
    expect(findings(page('<h2>Best and worst campaigns</h2>'), english)).toEqual(['English (main.bestWorstHeading): "Best and worst campaigns"']);
    // the fixed words of a sentence between its arguments
    expect(findings(page('<p>Together the platforms claim conversions worth 9 €, 2 times the 4 €.</p>'), english)[0]).toMatch(/^English \(main\.sentences\.overAttribution\)/);
  });

  it('raw keys and ISO dates in the text, not inside <code> or a datetime attribute', () => {
    expect(findings(page('<p>Modell last_touch, Quelle `unmapped`, siehe queries/tests/orders_unique.sql</p>'), english)).toEqual([
      'raw key: last_touch',
      'raw key: `unmapped`',
      'raw key: queries/tests/orders_unique.sql',
    ]);
    expect(findings(page('<p>am 2026-10-31</p>'), english)).toEqual(['ISO date: 2026-10-31']);
    expect(findings(page('<p><code>last_touch</code> <time datetime="2026-10-31">31.10.2026</time> <code>queries/marts/attribution.sql</code></p>'), english)).toEqual([]);
    // a title or aria-label is read too
    expect(findings(page('<div aria-label="link_clicks"></div>'), english)).toEqual(['raw key: link_clicks']);
  });

  it('ROI, CPA and one-word texts that the languages share are no hit', () => {
    expect(distinctive('ROI')).toBe(false);
    expect(distinctive('CPA')).toBe(false);
    expect(distinctive('Attributed revenue')).toBe(true);
    expect(findings(page('<p>ROI 12 %, CPA 3 €, Influencer</p>'), english)).toEqual([]);
  });
});

describe('the catalogues are complete', () => {
  it('each SQL text has a line in every locale: a metric without its [fr] line stops the run, naming it', () => {
    const sql = ['-- metric roi [de] ROI: (Rohertrag − Kosten) ÷ Kosten', '-- metric roi [en] ROI: (gross profit - cost) / cost', 'select 1'].join('\n');
    expect(() => metricDefinitions([{ sql, display: 'queries/marts/x.sql' } as QueryFile])).toThrow('queries/marts/x.sql: -- metric roi has no line for [fr]; give one per locale (de, en, fr)');
  });

  it('the queries give every metric, model, data test and dataset in every locale', () => {
    const catalogSql = readdirSync(join(projectRoot, 'queries'), { recursive: true }) as string[];
    const files = catalogSql.filter((f) => f.endsWith('.sql'));
    for (const file of files) {
      const text = readFileSync(join(projectRoot, 'queries', file), 'utf8');
      for (const kind of ['metric', 'test', 'dataset']) {
        const lines = [...text.matchAll(new RegExp(`^-- ${kind} (?:[a-z][a-z0-9_]* )?\\[([a-z]{2})\\] `, 'gm'))].map((m) => m[1]);
        if (lines.length) expect(new Set(lines), `${file}: ${kind}`).toEqual(new Set(LOCALES));
      }
      if (file.startsWith('marts/')) expect(text, file).toMatch(/^-- dataset \[fr\] /m);
      if (file.startsWith('tests/')) expect(text, file).toMatch(/^-- test \[fr\] /m);
      expect(text, `${file}: a metric line without a key and locale`).not.toMatch(/^--\s*metric\s+[^\[\n]*:/m);
    }
  });

  it('every engagement definition of the importers has words in every locale', async () => {
    const dir = join(projectRoot, 'pipeline/ingest/platforms');
    const definitions = new Set<string>();
    for (const file of await readdir(dir)) {
      const source = await readFile(join(dir, file), 'utf8');
      for (const m of source.matchAll(/engagementDefinition: '((?:[^'\\]|\\.)*)'/g)) definitions.add(m[1]!.replace(/\\'/g, "'"));
    }
    expect(definitions.size).toBeGreaterThan(10);
    for (const locale of LOCALES) {
      const words = messages(locale).engagementDefinitions;
      expect([...definitions].filter((d) => words[d] === undefined), locale).toEqual([]);
    }
  });

  it('every platform key of the importers has a display name, the same in every locale', async () => {
    const dir = join(projectRoot, 'pipeline/ingest/platforms');
    const keys = new Set<string>();
    for (const file of await readdir(dir)) {
      const source = await readFile(join(dir, file), 'utf8');
      for (const m of source.matchAll(/platform: '([a-z_]+)'/g)) keys.add(m[1]!);
    }
    for (const key of keys) {
      const names = LOCALES.map((l) => messages(l).platforms[key]);
      expect(names[0], key).toBeDefined();
      expect(new Set(names).size, key).toBe(1);
    }
  });
});

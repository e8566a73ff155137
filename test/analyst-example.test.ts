// queries/README.md's worked example, done as the README says, with the files read
// out of the README's code blocks (```sql file=…, ```json file=…), so the README
// cannot drift from what works: a new mart, its data test and its chart spec in a
// copy of queries/ and site/charts/, then `npm run report` on the sample data; the
// chart must be on the channels page with the mart's numbers. Then the README's
// broken SQL, unknown table and misspelt chart column, each with the message the
// README shows.
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import readXlsxFile from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlProject } from '../pipeline/warehouse-build.ts';
import { readDataset, type Row } from './helpers/arrow.ts';
import { projectRoot, runCli, tempDir, type CliResult } from './helpers/cli.ts';

interface CodeBlock {
  lang: string;
  attrs: Record<string, string>;
  text: string;
}

/** The fenced code blocks of a Markdown text, list indentation removed, with `key=value` words of their info string. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const m of markdown.matchAll(/^( *)```(\w*)([^\n]*)\n([\s\S]*?)^\1```$/gm)) {
    const indent = m[1]!.length;
    const attrs = Object.fromEntries([...m[3]!.matchAll(/(\w+)=(\S+)/g)].map((a) => [a[1]!, a[2]!]));
    const text = m[4]!
      .split('\n')
      .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
      .join('\n');
    blocks.push({ lang: m[2]!, attrs, text });
  }
  return blocks;
}

const NBSP = /\u00a0/g;
const money = (value: number) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(value).replace(NBSP, ' ');
const money0 = (value: number) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value).replace(NBSP, ' ');
/** The text of an HTML fragment: tags out, entities back, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<svg.*?<\/svg>/gs, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\u00ad/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

let readme: string;
let blocks: CodeBlock[];
let project: string;
let out: string;
let warehouse: string;
let run: CliResult;
let baseline: { marts: number; tests: number };

/** `npm run report` on the sample data with the project's copy of queries/ and site/charts/. */
function report(): Promise<CliResult> {
  return runCli(['--queries', join(project, 'queries'), '--out', out, '--warehouse', warehouse], {
    env: { REPORT_CHARTS_DIR: join(project, 'site', 'charts') },
  });
}

beforeAll(async () => {
  readme = await readFile(join(projectRoot, 'queries', 'README.md'), 'utf8');
  blocks = codeBlocks(readme);
  project = await tempDir('analyst');
  out = join(project, 'dist');
  warehouse = join(project, '.cache', 'warehouse.duckdb');
  await cp(join(projectRoot, 'queries'), join(project, 'queries'), { recursive: true });
  await mkdir(join(project, 'site'), { recursive: true });
  await cp(join(projectRoot, 'site', 'charts'), join(project, 'site', 'charts'), { recursive: true });
  for (const block of blocks.filter((b) => b.attrs.file)) {
    const path = join(project, block.attrs.file!);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, block.text);
  }
  const real = await loadSqlProject(join(projectRoot, 'queries'));
  baseline = { marts: real.queries.filter((q) => q.layer === 'marts').length, tests: real.tests.length };
  run = await report();
});

describe('the worked example of queries/README.md', () => {
  it('names a mart, a data test and a chart spec, none of which the project has yet', () => {
    const files = blocks.filter((b) => b.attrs.file).map((b) => b.attrs.file);
    expect(files).toEqual(['queries/marts/channel_followers.sql', 'queries/tests/channel_followers_unique.sql', 'site/charts/channel_followers.vl.json']);
    for (const file of files) expect(existsSync(join(projectRoot, file!)), file).toBe(false);
  });

  it('runs: one more mart in the transform line, one more test in the check line, channel_followers.arrow in the data', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^transform +\\d+ tables \\(\\d+ staging, \\d+ intermediate, ${baseline.marts + 1} marts\\)`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^check +${baseline.tests + 1} data tests: `, 'm'));
    expect(existsSync(join(out, 'data', 'channel_followers.arrow'))).toBe(true);
  });

  it('puts the chart on the channels page of the month: title, caption, bars in the channel colours, the mart\'s numbers, table and downloads', async () => {
    const manifest = JSON.parse(await readFile(join(out, 'data', 'manifest.json'), 'utf8')) as { month: string };
    const month = manifest.month;
    const rows = readDataset(out, 'channel_followers').rows.filter((r: Row) => r.month === month);
    const drawn = rows.filter((r) => typeof r.cost_per_follower === 'number');
    expect(drawn.length).toBeGreaterThan(0);

    const html = await readFile(join(out, month, 'channels', 'index.html'), 'utf8');
    const figure = /<figure class="chart[^"]*" id="chart-channel-followers".*?<\/figure>/s.exec(html)?.[0] ?? '';
    expect(figure).not.toBe('');
    const monthWords = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
    expect(figure).toContain('>Kosten je neuem Follower</h3>');
    expect(text(/<figcaption>(.*?)<\/figcaption>/s.exec(figure)?.[1] ?? '')).toBe(
      `Gesamtkosten je gewonnenem Follower und Kanal im ${monthWords}; Kanäle ohne neue Follower haben keinen Balken.`,
    );
    const svg = /<div class="chart-wide"><svg.*?<\/svg>/s.exec(figure)?.[0] ?? '';
    // Each drawn value labels its bar, formatted for the report's locale; each bar has its channel's colour.
    for (const row of drawn) expect(svg.replace(NBSP, ' ')).toContain(`>${money(row.cost_per_follower as number)}</text>`);
    const colours = [...html.matchAll(/<th scope="row" class="swatched">\s*<span class="swatch" style="background:(#[0-9a-f]{6})"[^>]*><\/span>\s*([^<]+?)\s*<\/th>/g)];
    const colourOf = new Map(colours.map((m) => [m[2], m[1]]));
    for (const row of drawn) expect(svg).toContain(`fill="${colourOf.get(row.channel as string)}"`);
    // The rows as a table, with the spec's formats and labels, and their downloads.
    const table = text(/<table[^>]*id="table-chart-channel-followers".*?<\/table>/s.exec(figure)?.[0] ?? '');
    expect(table).toContain('Kanal Gesamtkosten Neue Follower Kosten je Follower');
    for (const row of drawn) {
      expect(table).toContain(`${row.channel as string} ${money0(row.total_cost as number)} ${row.followers_gained as number} ${money(row.cost_per_follower as number)}`);
    }
    expect(figure).toContain(`href="../../${month}/channels/chart-channel-followers.csv" download>CSV</a>`);
    expect(figure).toContain(`href="../../${month}/channels/${month}-channels.xlsx" download title="Alle Tabellen dieser Seite als Excel-Arbeitsmappe, ein Blatt je Tabelle">Excel-Mappe der Seite</a>`);
    expect(figure).toContain('href="../../data/channel_followers.arrow" download>Arrow (<code>channel_followers.arrow</code>)</a>');
    // The CSV file as a German Excel opens it: byte-order mark, semicolons, decimal commas, cents.
    const csv = await readFile(join(out, month, 'channels', 'chart-channel-followers.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe('channel;total_cost;followers_gained;cost_per_follower');
    expect(csv.trim().split('\r\n')).toHaveLength(rows.length + 1);
    const cents = (value: number) => (Math.round(value * 100) / 100).toString().replace('.', ',');
    for (const row of drawn) {
      expect(csv).toContain(`${row.channel as string};${cents(row.total_cost as number)};${row.followers_gained as number};${cents(row.cost_per_follower as number)}`);
    }
    // The page's workbook has the table as a sheet: the labels, the keys, then the same rows as typed numbers.
    const sheet = (await readXlsxFile(join(out, month, 'channels', `${month}-channels.xlsx`))).find((s) => s.sheet === 'chart-channel-followers');
    expect(sheet?.data[0]).toEqual(['Kanal', 'Gesamtkosten', 'Neue Follower', 'Kosten je Follower']);
    expect(sheet?.data[1]).toEqual(['channel', 'total_cost', 'followers_gained', 'cost_per_follower']);
    expect(sheet?.data).toHaveLength(rows.length + 2);
    for (const row of drawn) {
      expect(sheet?.data).toContainEqual([
        row.channel,
        Math.round((row.total_cost as number) * 100) / 100,
        row.followers_gained,
        Math.round((row.cost_per_follower as number) * 100) / 100,
      ]);
    }
  });

  it('lists the mart, its metric and its data test on the methodology page', async () => {
    const html = text(await readFile(join(out, 'methodology', 'index.html'), 'utf8'));
    expect(html).toContain('Cost per follower');
    expect(html).toContain('queries/marts/channel_followers.sql');
    expect(html).toContain('channel_followers_unique');
  });

  it('answers the README\'s `npm run sql` query from the warehouse', async () => {
    const query = /`npm run sql -- "([^"]+)"`/.exec(readme)?.[1];
    expect(query).toContain('channel_followers');
    const { stdout } = await promisify(execFile)(process.execPath, [join(projectRoot, 'pipeline', 'sql.ts'), '--warehouse', warehouse, query!]);
    expect(stdout.split('\n')[0]).toMatch(/^month +channel +total_cost +followers_gained +cost_per_follower$/);
    expect(stdout).toContain('(10 rows)');
  });
});

describe('the mistakes of the worked example', () => {
  const mart = () => join(project, 'queries', 'marts', 'channel_followers.sql');
  const spec = () => join(project, 'site', 'charts', 'channel_followers.vl.json');
  const file = (b: CodeBlock) => b.attrs.file;

  it('a misspelt column: the file, line, column, DuckDB\'s message and a caret, as the README shows', async () => {
    const shown = blocks.find((b) => b.attrs.error);
    expect(shown?.attrs.error).toBe('followers_gaind');
    const good = blocks.find((b) => file(b) === 'queries/marts/channel_followers.sql')!.text;
    await writeFile(mart(), good.replace(/sum\(followers_gained\)/, `sum(${shown!.attrs.error})`));
    try {
      const broken = await report();
      expect(broken.code).toBe(4);
      const [headline, code, caret] = shown!.text.trimEnd().split('\n');
      const lines = broken.stderr.trimEnd().split('\n');
      const [gotHeadline, gotCode, gotCaret] = lines.slice(lines.findIndex((l) => l.startsWith('error: ')));
      // DuckDB's list of candidate columns follows the mart's columns; the README shows the message as it reads today.
      expect(gotHeadline?.split('!')[0]).toBe(headline?.split('!')[0]);
      expect([gotCode, gotCaret]).toEqual([code, caret]);
      // The previous report stays.
      expect(existsSync(join(out, 'data', 'channel_followers.arrow'))).toBe(true);
    } finally {
      await writeFile(mart(), good);
    }
  });

  it('an unknown table: named, with the closest one', async () => {
    const [, wrong, message] = /`from (\w+)`\s+gives\s+`([^`]+)`/.exec(readme) ?? [];
    expect(wrong).toBe('campaign_performanc');
    const good = blocks.find((b) => file(b) === 'queries/marts/channel_followers.sql')!.text;
    await writeFile(mart(), good.replace('from campaign_performance', `from ${wrong}`));
    try {
      const broken = await report();
      expect(broken.code).toBe(4);
      expect(broken.stderr).toContain(`error: SQL error in queries/marts/channel_followers.sql line 4, column 19: ${message!.replace(/\s+/g, ' ')}`);
    } finally {
      await writeFile(mart(), good);
    }
  });

  it('a misspelt column in the chart spec: the build stops naming the spec, the mart and the column', async () => {
    const [, field, message] = /\(`"field": "(\w+)"`\).*?stops naming the spec, the mart and the column: `([^`]+)`/s.exec(readme) ?? [];
    expect(field).toBe('cost_per_followr');
    const good = blocks.find((b) => file(b) === 'site/charts/channel_followers.vl.json')!.text;
    await writeFile(spec(), good.replace('"field": "cost_per_follower"', `"field": "${field}"`));
    try {
      const broken = await report();
      expect(broken.code).toBe(6);
      const [before, after] = message!.replace(/\s+/g, ' ').split('…');
      const line = broken.stderr.split('\n').find((l) => l.includes('build failed')) ?? '';
      expect(line.startsWith(`error: ${before}`), line).toBe(true);
      expect(line.endsWith(after!), line).toBe(true);
    } finally {
      await writeFile(spec(), good);
    }
  });
});

describe("the sample's attribution page", () => {
  it('charts the ROI spread of campaigns only, widest first, and lists unmapped spend and orders without a touchpoint after them', async () => {
    const html = await readFile(join(out, '2026-10', 'attribution', 'index.html'), 'utf8');
    const figure = /<figure[^>]*id="sensitivity".*?<\/figure>/s.exec(html)?.[0] ?? '';
    const svg = /<svg.*?<\/svg>/s.exec(figure)?.[0] ?? '';
    expect(svg.length).toBeGreaterThan(1000);
    // rows in the caption's order, widest ROI range first (the sample: Meta Retargeting 80 pp, Pinterest 56 pp, LinkedIn 23 pp);
    // the axis draws its labels top to bottom
    const at = (name: string) => svg.indexOf(`>${name}</text>`);
    expect(at('Meta Retargeting – Warenkorb')).toBeGreaterThan(0);
    expect(at('Meta Retargeting – Warenkorb')).toBeLessThan(at('Pinterest Geschenkideen'));
    expect(at('Pinterest Geschenkideen')).toBeLessThan(at('LinkedIn Firmengeschenke B2B'));
    // the sample's unmapped spend has the widest ROI range (it earns next to nothing under any model): not on the chart
    // (the caption names them as left out: "Nicht im Diagramm, weil keine Kampagnen: …")
    const caption = /<figcaption>(.*?)<\/figcaption>/s.exec(figure)?.[1] ?? '';
    expect(caption).toContain('Nicht im Diagramm, weil keine Kampagnen: Nicht zugeordnet');
    for (const text of ['unmapped', 'unattributed', 'Nicht zugeordnet', 'Ohne Touchpoint']) expect(figure.replace(caption, ''), text).not.toContain(text);
    const table = /<table[^>]*id="table-sensitivity".*?<\/table>/s.exec(html)?.[0] ?? '';
    const rowNames = [...table.matchAll(/<th scope="row"[^>]*>(.*?)<\/th>/gs)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').trim());
    expect(rowNames.slice(-2)).toEqual(['Nicht zugeordnet', 'Ohne Touchpoint']);
    expect(rowNames.length).toBeGreaterThan(5);
  });
});

// The genuine exports in ../shared/exports/samples (files users downloaded
// from the platforms, docs/formats.md "Sources"). They are read from there, never copied
// into the repository; where they are absent the suite reports a skipped
// test naming what is missing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { writeXlsx } from '../data/generator/xlsx.ts';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';
import { parseExport } from '../pipeline/ingest/platform-export.ts';
import { projectRoot } from './helpers/cli.ts';
import { describeWhenPresent } from './helpers/genuine.ts';

const samples = join(projectRoot, '../shared/exports/samples');
const sample = (name: string) => join(samples, name);
const LINKEDIN = sample('linkedin_campaign_manager_ptBR_utf16_tab.csv');
const MICROSOFT = sample('microsoft_ads_campaigns_utf8bom.csv');
const META_DE = sample('meta_ads_de_kirenz_Facebook_xlsx_first20rows.csv');
const META_DE_HEADER = sample('meta_ads_de_kirenz_header.txt');
const LINKEDIN_PAGE = sample('linkedin_page_analytics_headers_pablomolteni.txt');

async function read(path: string, name = path.split('/').at(-1)!) {
  return recogniseFile(name, new Uint8Array(readFileSync(path)));
}

describeWhenPresent('genuine platform exports (../shared/exports/samples)', samples, [LINKEDIN, MICROSOFT, META_DE, META_DE_HEADER, LINKEDIN_PAGE], () => {
  it('loads the Portuguese LinkedIn export: 5 campaign rows, 1,917.15 USD', async () => {
    const file = await read(LINKEDIN);
    expect(file).toMatchObject({ encoding: 'utf-16le (BOM)' });
    expect(file.tables[0]).toMatchObject({ delimiter: '\t', headerLine: 1 });
    const extracted = extractFile(file, { currency: 'EUR' });
    expect(extracted).toMatchObject({ formats: ['linkedin_campaign_manager'], loaded: 5, rejected: 0, periodRows: 0, totalsDropped: 0 });
    const rows = extracted.rows.raw_ad_daily;
    expect(rows).toHaveLength(5);
    const cents = rows.reduce((sum, r) => sum + Math.round(Number(r[19]) * 100), 0);
    expect(cents).toBe(191_715);
    // source_line, date (DD/MM/YYYY), account, currency, campaign group id and name, campaign id and name
    expect(rows[0]?.slice(1, 12)).toEqual([
      2, 'linkedin_campaign_manager', 'linkedin', 'Jitterbit LATAM', 'USD', '2023-09-01', '637165263', '[RCK] Campanha de Mensagem', '226747093', '[RCK] Conversa - Stephanie', null,
    ]);
    // impressions, reach, clicks, landing-page clicks, engagements, spend
    expect([13, 14, 15, 16, 17, 19].map((i) => rows[0]?.[i])).toEqual(['3309', '3309', '3169', '136', '3399', '454.06']);
  });

  it('keeps the Microsoft Advertising campaign export as period rows without a period', async () => {
    const file = await read(MICROSOFT);
    const extracted = extractFile(file, { currency: 'EUR' });
    expect(extracted).toMatchObject({ formats: ['microsoft_ads'], loaded: 2, periodRows: 2, rejected: 0, totalsDropped: 3 });
    expect(extracted.rows.raw_ad_periods.map((r) => [r[6], r[7], r[8], r[9], r[14], r[16], r[20]])).toEqual([
      [null, null, '436534626', '[RCK] Search - Serviços', '25389', '320', '512.24'],
      [null, null, '530467992', '[RCK] Search - Institucional Jitterbit', '79', '28', '3.12'],
    ]);
    expect(extracted.notes.map((n) => n.message)).toEqual([
      'microsoft_ads_campaigns_utf8bom.csv: no currency column and no currency in the spend header; amounts taken as EUR (the report currency)',
      'microsoft_ads_campaigns_utf8bom.csv: no date column and no reporting period named in the file; its 2 rows are kept as period rows without a period and not used (export with a day or date column)',
    ]);
  });

  it('reads the German Meta export (from xlsx): Excel serial dates, NA, placements, lifetime period', async () => {
    const file = await read(META_DE);
    expect(file.tables[0]?.format.format).toBe('meta_ads');
    const parsed = parseExport(file.tables[0]!, 'meta.csv');
    expect(parsed.rows).toHaveLength(20);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows[0]?.values).toMatchObject({
      period_start: '2011-01-01', period_end: '2018-08-01', placement: 'Facebook', spend: '320', impressions: '119260', reach: '86256',
      engagements: '42254', followers_gained: '7', result_indicator: 'video_10_sec_watched_actions', currency: 'EUR', conversions: null,
    });
    expect(parsed.rows[3]?.values.spend).toBe('132.30000000000001');
    expect(new Set(parsed.rows.map((r) => r.values.placement))).toEqual(new Set(['Facebook', 'Instagram', 'Messenger']));
    // The instructor removed the campaign columns: every row is rejected, none lost silently.
    const extracted = extractFile(file, { currency: 'EUR' });
    expect(extracted.rejected).toBe(20);
    expect(new Set(extracted.rows.raw_rejected_rows.map((r) => r[3]))).toEqual(new Set(['the row names no campaign']));
  });

  it('recognises all 268 genuine German Meta headers, typography and all', async () => {
    const headers = readFileSync(META_DE_HEADER, 'utf8').trim().split('\n').map((l) => l.split('\t')[1] ?? '');
    expect(headers).toHaveLength(268);
    const line = headers.map((h) => (h.includes(',') ? `"${h}"` : h)).join(',');
    const row = headers.map((h) => ({ Kampagnenname: 'NL | Test', Berichtsstart: '2018-07-01', Berichtsende: '2018-07-01', 'Ausgegebener Betrag (EUR)': '12.30', Impressionen: '1000', 'Websites-Käufe': '2', 'Websites-Käufe – Conversion-Wert': '99.80', '„Gefällt mir“-Angaben für Seite': '3', '3-sekündige Videoaufrufe': '40' })[h] ?? '');
    const text = `${line.replace('Id,', 'Kampagnenname,')}\n${row.join(',')}\n`;
    const file = await recogniseFile('meta.csv', new Uint8Array(Buffer.from(text)));
    const values = parseExport(file.tables[0]!, 'meta.csv').rows[0]?.values;
    expect(values?.date ?? null).toBeNull();
    expect(values).toMatchObject({ period_start: '2018-07-01', spend: '12.30', conversions: '2', conversion_value: '99.80', followers_gained: '3', video_views: '40', currency: 'EUR' });
  });

  it('recognises every sheet of the LinkedIn page analytics workbooks, below their note row', async () => {
    const text = readFileSync(LINKEDIN_PAGE, 'utf8');
    const workbooks = text.split(/^## /m).filter((b) => b.trim() !== '');
    const seen: Record<string, string> = {};
    for (const block of workbooks) {
      const [title = '', ...lines] = block.trim().split('\n');
      const sheets = lines.map((l) => /^\[sheet\] (.+?): (.+)$/.exec(l)).filter((m) => m !== null).map((m) => {
        const header = m[2]!.split(' | ');
        const example = header.map((h) => (/^date$/i.test(h) ? { date: '2020-07-01' } : /link/i.test(h) ? 'https://www.linkedin.com/feed/update/urn:li:activity:6680000000000000001' : /title|type|name|by|audience|location|function|seniority|industry|size/i.test(h) ? 'x' : 1));
        return { name: m[1]!, rows: [['Note: exported from LinkedIn'], header, example] };
      });
      const file = await recogniseFile(`organic/${title.trim()}`, writeXlsx(sheets));
      expect(file.unknown).toBeUndefined();
      for (const table of file.tables) seen[table.sheet!] = table.format.format;
      for (const ignored of file.ignored) seen[ignored.sheet] = `ignored: ${ignored.why}`;
      for (const table of file.tables) expect(table.headerLine).toBe(2);
    }
    expect(seen).toMatchObject({
      'New followers': 'linkedin_page_followers',
      'Update metrics (aggregated)': 'linkedin_page_updates_daily',
      'Update engagement': 'linkedin_page_posts',
      Location: 'ignored: follower or visitor demographics, not used by the report',
      'Visitor metrics': 'ignored: page visitor metrics, not used by the report',
    });
  });
});

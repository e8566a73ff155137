import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../pipeline/errors.ts';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';
import { csvViews, parseExport, recogniseExport, recogniseTable, unrecognisedExport } from '../pipeline/ingest/platform-export.ts';
import { PLATFORM_FORMATS } from '../pipeline/ingest/platforms/index.ts';
import { decodeBytes } from '../pipeline/ingest/text.ts';
import { projectRoot } from './helpers/cli.ts';

const decode = (text: string) => decodeBytes(new Uint8Array(Buffer.from(text)));

function load(text: string, file = 'x.csv') {
  const decoded = decode(text);
  const match = recogniseExport(decoded, file);
  if (!match) throw new Error('not recognised');
  return parseExport(match, file);
}

async function extract(text: string, file = 'x.csv') {
  return extractFile(await recogniseFile(file, new Uint8Array(Buffer.from(text))), { currency: 'EUR' });
}

describe('Meta Ads Manager', () => {
  const german = [
    '\ufeffKampagnenname,Name der Anzeigengruppe,Berichtsstart,Berichtsende,Ausgegebener Betrag (EUR),Impressionen,Reichweite,Klicks (alle),Link-Klicks,Beitragsinteraktionen,Ergebnisse,Indikator für Ergebnisse,Websites-Käufe,Websites-Käufe – Conversion-Wert',
    'NL | Prospecting | Broad,Frauen 25-44,2026-10-01,2026-10-01,123.45,10000,8000,210,150,320,4,actions:offsite_conversion.fb_pixel_purchase,4,219.80',
    'NL | Reels Awareness | Q4,Alle,2026-10-01,2026-10-01,50.00,20000,15000,90,40,800,15000,reach,,',
    'NL | Prospecting | Broad,Frauen 25-44,2026-10-01,2026-10-31,3000.00,300000,90000,6000,4000,9000,100,actions:offsite_conversion.fb_pixel_purchase,100,5400.00',
  ].join('\r\n');

  it('recognises the German export by its header and maps every field', () => {
    const parsed = load(german);
    expect(parsed.match.format.format).toBe('meta_ads');
    expect(parsed.rows[0]).toEqual({
      line: 2,
      values: {
        campaign_name: 'NL | Prospecting | Broad', ad_set_name: 'Frauen 25-44', period_start: '2026-10-01', period_end: '2026-10-01',
        spend: '123.45', impressions: '10000', reach: '8000', clicks: '210', link_clicks: '150', engagements: '320',
        result_count: '4', result_indicator: 'actions:offsite_conversion.fb_pixel_purchase', conversions: '4', conversion_value: '219.80',
        currency: 'EUR',
      },
    });
    expect(parsed.rows[1]?.values.conversions).toBeNull();
  });

  it('keeps a row that covers a period as a period row, never stamped on one day', async () => {
    const extracted = await extract(german);
    expect(extracted.rows.raw_ad_daily.map((r) => r[6])).toEqual(['2026-10-01', '2026-10-01']);
    expect(extracted.rows.raw_ad_periods).toHaveLength(1);
    expect(extracted.rows.raw_ad_periods[0]?.slice(0, 8)).toEqual(['x.csv', 4, 'meta_ads', 'meta', null, 'EUR', '2026-10-01', '2026-10-31']);
    expect(extracted).toMatchObject({ loaded: 3, periodRows: 1, rejected: 0 });
  });

  it('counts results as conversions only when the indicator is a purchase', () => {
    const parsed = load([
      'Day,Campaign name,Amount spent (USD),Impressions,Results,Result indicator',
      '2026-10-01,A,10.00,100,3,actions:offsite_conversion.fb_pixel_purchase',
      '2026-10-01,B,10.00,100,7,actions:link_click',
    ].join('\n'));
    expect(parsed.rows.map((r) => [r.values.conversions ?? null, r.values.currency])).toEqual([['3', 'USD'], [null, 'USD']]);
  });

  it('rejects a row that names no campaign, with line and column', async () => {
    const extracted = await extract('Day,Campaign name,Amount spent (EUR),Impressions\n2026-10-01,,1.00,10\n');
    expect(extracted.rows.raw_rejected_rows).toEqual([['x.csv', 2, 'Campaign name', 'the row names no campaign', null, null]]);
  });
});

describe('Google Ads', () => {
  const report = [
    'Campaign report',
    'October 1, 2026 - October 31, 2026',
    'Day,Campaign,Campaign ID,Campaign type,Currency code,Cost,Impr.,Clicks,Interactions,Views,Conversions,Conv. value',
    '2026-10-01,YT - Markenvideo,2093,Video,EUR,"1,204.50","12,480",310,310,"4,100",0.00,0.00',
    '2026-10-01,YT - Demand Gen,2094,Demand Gen,EUR,88.10,900,40,40,--,2.00,110.00',
    'Total: Account,--,--,--,EUR,"1,292.60","13,380",350,350,"4,100",2.00,110.00',
    'Total: Video,--,--,--,EUR,"1,204.50","12,480",310,310,"4,100",0.00,0.00',
  ].join('\r\n');

  it('finds the header under two title lines, reads thousands separators and drops totals rows', () => {
    const parsed = load(report);
    expect(parsed.match).toMatchObject({ headerLine: 3, delimiter: ',' });
    expect(parsed.totalsDropped).toBe(2);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.values.spend, r.values.impressions, r.values.video_views])).toEqual([
      [4, '1204.50', '12480', '4100'],
      [5, '88.10', '900', null],
    ]);
  });

  it('rejects a malformed number with the line, the column and what was expected', () => {
    const parsed = load(report.replace('88.10', '88.1.0'));
    expect(parsed.rejected).toEqual([{ line: 5, column: 'Cost', reason: 'expected a number (decimal separator "."), found "88.1.0"', value: '88.1.0' }]);
  });
});

describe('LinkedIn Campaign Manager', () => {
  it('reads the English UTF-16LE tab-separated export with month-first dates', () => {
    const text = 'Start Date (in UTC)\tAccount Name\tCurrency\tCampaign Group ID\tCampaign Group Name\tCampaign ID\tCampaign Name\tTotal Spent\tImpressions\tClicks\n10/3/2026\tShop\tUSD\t5\tGroup\t6\tCampaign\t220.00\t4000\t35\n';
    const decoded = decodeBytes(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]));
    const match = recogniseExport(decoded, 'li.csv')!;
    const parsed = parseExport(match, 'li.csv');
    expect(match.delimiter).toBe('\t');
    expect(parsed.rows[0]?.values).toMatchObject({ date: '2026-10-03', campaign_name: 'Group', ad_set_name: 'Campaign', spend: '220.00', currency: 'USD' });
  });
});

describe('recognition', () => {
  const fixtures = join(projectRoot, 'test/fixtures/exports');
  const expected: Record<string, string> = {
    'facebook-follows-series': 'facebook_page_daily',
    'facebook-posts': 'facebook_posts',
    'generic-platform-column': 'generic',
    'generic-xing': 'generic',
    'google-ads-de-utf16': 'google_ads',
    'google-ads-en': 'google_ads',
    'instagram-posts': 'instagram_posts',
    'linkedin-en-utf16': 'linkedin_campaign_manager',
    'meta-de-periods': 'meta_ads',
    'meta-en-daily': 'meta_ads',
    'microsoft-ads': 'microsoft_ads',
    pinterest: 'pinterest_ads',
    'quirk-cp1252-semicolon': 'meta_ads',
    'quirk-utf16be-rejects': 'linkedin_campaign_manager',
    snapchat: 'snapchat_ads',
    'tiktok-semicolon': 'tiktok_ads',
    'x-ads': 'x_ads',
  };

  for (const [name, format] of Object.entries(expected)) {
    it(`claims the ${name} fixture for ${format} alone`, () => {
      const dir = join(fixtures, name);
      const file = readdirSync(dir).find((f) => !f.startsWith('expected'))!;
      const decoded = decodeBytes(new Uint8Array(readFileSync(join(dir, file))));
      const views = csvViews(decoded, file);
      expect(recogniseTable(views, file)?.format.format).toBe(format);
      const claimants = PLATFORM_FORMATS.filter((f) => recogniseTable(views, file, [f]) !== null).map((f) => f.format);
      expect(claimants).toEqual([format]);
    });
  }

  it('matches headers after folding case, typographic quotes and dashes, and non-breaking spaces', () => {
    const parsed = load('\u00a0TAG\u00a0,KAMPAGNENNAME,Ausgegebener\u00a0Betrag (EUR),Impressionen,„Gefällt mir“-Angaben für Seite,Websites-Käufe — Conversion-Wert\n2026-10-01,A,1.00,10,2,3.50\n');
    expect(parsed.match.format.format).toBe('meta_ads');
    expect(parsed.rows[0]?.values).toMatchObject({ date: '2026-10-01', followers_gained: '2', conversion_value: '3.50' });
  });

  it('does not care about extra or reordered columns', () => {
    const parsed = load('Impressions,Extra,Amount spent (EUR),Whatever,Campaign name,Day\n10,x,1.00,y,A,2026-10-01\n');
    expect(parsed.rows[0]?.values).toMatchObject({ date: '2026-10-01', campaign_name: 'A', spend: '1.00', impressions: '10' });
  });
});

describe('an unrecognised file', () => {
  it('is refused with its header line and the known formats', () => {
    const decoded = decode('Datum;Kanal;Budget\n2026-10-01;Print;100\n');
    expect(recogniseExport(decoded, 'exports/print.csv')).toBeNull();
    const error = unrecognisedExport('exports/print.csv', decoded) as ReportError;
    expect(error.message).toBe('exports/print.csv: not a recognised export format. Its header line reads: "Datum;Kanal;Budget"');
    const details = error.details.join('\n');
    expect(details).toContain('Meta Ads Manager: day / reporting starts, amount spent, impressions');
    expect(details).toContain('LinkedIn Campaign Manager: start date (in utc), campaign group name / campaign group id, total spent, impressions');
    expect(details).toContain('Google Ads (incl. YouTube): day, campaign / campaign id, cost, impr., clicks');
    expect(details).toContain('TikTok Ads Manager: campaign name / campaign id, cost, impressions, and one of: by day, clicks (destination)');
    expect(details).toContain('Generic layout (any platform): date / period_start, campaign_name / campaign_id, spend');
    expect(details).toContain('LinkedIn Page analytics: followers (New followers sheet): date, sponsored followers / organic followers / total followers');
  });

  it('is named with its sheet when it is a workbook', async () => {
    const { writeXlsx } = await import('../data/generator/xlsx.ts');
    const file = await recogniseFile('organic/x.xlsx', writeXlsx([{ name: 'Daten', rows: [['Datum', 'Kanal'], ['2026-10-01', 'Print']] }]));
    expect(file.unknown?.message).toBe('organic/x.xlsx [sheet "Daten"]: not a recognised export format. Its header line reads: "Datum,Kanal"');
  });

  it('refuses an Excel 97–2003 workbook with what to do', async () => {
    await expect(recogniseFile('exports/old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).rejects.toThrow(
      'exports/old.xls: this is an Excel 97–2003 workbook (.xls); open it and save it as .xlsx or CSV',
    );
  });
});

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

describe('Google Ads default download (no Day column)', () => {
  const video = [
    'Campaign report',
    '"July 8, 2025 - July 31, 2025"',
    'Campaign status,Campaign,Budget,Campaign type,Currency code,Impr.,Interactions,Interaction rate,Cost,Conversions',
    'Enabled,Video views,50.00,Video,INR,"25,881","20,127",77.77%,1661.67,0.00',
    'Enabled,MH-m-sand,500.00,Demand Gen,INR,"20,287","1,934",9.53%,904.26,15.00',
    'Total: Campaigns, --, --, --,INR,"46,168","22,061",47.78%,2565.92,15.00',
    'Total: Account,,,,INR,"46,168","22,061",47.78%,2565.92,15.00',
    'Total: Video campaigns,,,Video,INR,"25,881","20,127",77.77%,1661.67,0.00',
    'Total: Demand Gen campaigns,,,Demand Gen,INR,"20,287","1,934",9.53%,904.26,15.00',
  ].join('\r\n');

  it('makes the title period the rows\' period, leaves clicks unknown without a Clicks column, and drops every totals row', async () => {
    const extracted = await extract(video, 'Campaign report.csv');
    expect(extracted).toMatchObject({ formats: ['google_ads'], loaded: 2, periodRows: 2, rejected: 0, totalsDropped: 4, notes: [] });
    // period start and end, campaign, impressions, clicks, spend
    expect(extracted.rows.raw_ad_periods.map((r) => [r[6], r[7], r[9], r[14], r[16], r[20]])).toEqual([
      ['2025-07-08', '2025-07-31', 'Video views', '25881', null, '1661.67'],
      ['2025-07-08', '2025-07-31', 'MH-m-sand', '20287', null, '904.26'],
    ]);
  });

  it('keeps the rows of an "All time" download as period rows without a period, with the reason', async () => {
    const extracted = await extract(video.replace('"July 8, 2025 - July 31, 2025"', 'All time'), 'Campaign report.csv');
    expect(extracted).toMatchObject({ loaded: 2, periodRows: 2, rejected: 0, totalsDropped: 4 });
    expect(extracted.rows.raw_ad_periods.map((r) => [r[6], r[7]])).toEqual([[null, null], [null, null]]);
    expect(extracted.notes).toEqual([{
      severity: 'warning',
      message: 'Campaign report.csv: no date column, and the period the file names ("All time") is not a date range; 2 rows kept as period rows without a period and not used (download a date range, or with a day column)',
    }]);
  });
});

describe('account summary rows', () => {
  const header = '"Reporting starts","Reporting ends","Campaign name","Amount spent (EUR)",Impressions';

  it('drops a row without campaign whose spend and impressions are the sum of all other rows, as a totals row', async () => {
    const extracted = await extract([header, '2026-10-01,2026-10-31,,106.00,20167', '2026-10-01,2026-10-31,A,61.20,8123', '2026-10-01,2026-10-31,B,44.80,12044'].join('\n'));
    expect(extracted).toMatchObject({ loaded: 2, rejected: 0, totalsDropped: 1 });
  });

  it('rejects a row without campaign whose spend is not that sum, even by a cent', async () => {
    const extracted = await extract([header, '2026-10-01,2026-10-31,,106.01,20167', '2026-10-01,2026-10-31,A,61.20,8123', '2026-10-01,2026-10-31,B,44.80,12044'].join('\n'));
    expect(extracted).toMatchObject({ loaded: 2, rejected: 1, totalsDropped: 0 });
    expect(extracted.rows.raw_rejected_rows).toEqual([['x.csv', 2, 'Campaign name', 'the row names no campaign', null, null]]);
  });

  it('rejects a row without campaign whose impressions are not the sum, and one in a file of a single row', async () => {
    const wrongImpressions = await extract([header, '2026-10-01,2026-10-31,,106.00,99', '2026-10-01,2026-10-31,A,61.20,8123', '2026-10-01,2026-10-31,B,44.80,12044'].join('\n'));
    expect(wrongImpressions).toMatchObject({ loaded: 2, rejected: 1, totalsDropped: 0 });
    const alone = await extract([header, '2026-10-01,2026-10-31,,106.00,20167'].join('\n'));
    expect(alone).toMatchObject({ loaded: 0, rejected: 1, totalsDropped: 0 });
  });
});

describe('empty exports', () => {
  it('loads Meta\'s "No data available." export as a file without rows, without rejection or date warning', async () => {
    const extracted = await extract('"Reporting starts","Reporting ends","Campaign name",Impressions,"Amount spent (USD)"\n"No data available."\n');
    expect(extracted).toMatchObject({ formats: ['meta_ads'], platforms: ['meta'], loaded: 0, rejected: 0, totalsDropped: 0 });
    expect(extracted.notes).toEqual([{ severity: 'note', message: 'x.csv line 2: the export says "No data available.": it has no data rows' }]);
  });

  it('loads a header with nothing below as a file without rows', async () => {
    const extracted = await extract('Campaign report\nOctober 1, 2026 - October 31, 2026\nCampaign,Currency code,Impr.,Clicks,Cost\n');
    expect(extracted).toMatchObject({ formats: ['google_ads'], loaded: 0, rejected: 0, notes: [] });
  });

  it('recognises a LinkedIn report that is only its title lines', async () => {
    const text = 'Ad Performance Report (in UTC)\n"Report Start: August 18, 2019, 12:00 AM"\n"Report End: September 16, 2019, 11:59 PM"\n"Date Generated: September 16, 2019, 5:55 AM"\n\n';
    const file = await recogniseFile('creative_performance_report.csv', new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]));
    expect(file.unknown).toBeUndefined();
    expect(extractFile(file, { currency: 'EUR' })).toMatchObject({ formats: ['linkedin_campaign_manager'], platforms: ['linkedin'], loaded: 0, rejected: 0 });
  });

  it('still refuses title lines of no known report', async () => {
    const file = await recogniseFile('x.csv', new Uint8Array(Buffer.from('Some Report\nReport Start: 1/1/2026\n')));
    expect(file.unknown?.message).toContain('not a recognised export format');
  });
});

describe('LinkedIn Campaign Manager', () => {
  it('reads the ad (creative) report, which names no campaign group: the LinkedIn campaign is the campaign', async () => {
    const text = 'Start Date (in UTC)\tAccount Name\tCampaign Name\tCreative Name\tTotal Spent\tImpressions\tClicks\n10/3/2026\tShop\tOffice Manager\tCreative 1\t24.00\t600\t3\n';
    const extracted = extractFile(await recogniseFile('li.csv', new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])), { currency: 'USD' });
    expect(extracted).toMatchObject({ formats: ['linkedin_campaign_manager'], loaded: 1, rejected: 0 });
    // campaign id and name, ad set id and name, ad id and name
    expect(extracted.rows.raw_ad_daily[0]?.slice(7, 13)).toEqual([null, 'Office Manager', null, 'Office Manager', null, 'Creative 1']);
  });

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
    expect(details).toContain('LinkedIn Campaign Manager: start date (in utc), campaign group name / campaign group id / campaign name / campaign id, total spent, impressions');
    expect(details).toContain('Google Ads (incl. YouTube): campaign / campaign id, cost, impr.');
    expect(details).toContain('TikTok Ads Manager: campaign name / campaign id, cost, impressions, and one of: by day, clicks (destination)');
    expect(details).toContain('Generic layout (any platform): date / period_start, campaign_name / campaign_id, spend');
    expect(details).toContain('LinkedIn Page analytics: followers (New followers sheet): date, sponsored followers / organic followers / total followers');
  });

  it('quotes its real header line, not a data row that quoted thousands make look wider', () => {
    const decoded = decode('Report\nJuly 8, 2025 - July 31, 2025\nKanal,Budget,Reichweite\nPrint,"20,287","1,934"\nRadio,"1,204","3,300"\n');
    const error = unrecognisedExport('exports/print.csv', decoded) as ReportError;
    expect(error.message).toBe('exports/print.csv: not a recognised export format. Its header line reads: "Kanal,Budget,Reichweite"');
  });

  it('quotes the header line of a tab-separated UTF-16 file as it reads', () => {
    const text = 'Report\nKanal\tBudget\tReichweite\nPrint\t20,287\t1,934\n';
    const decoded = decodeBytes(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]));
    const error = unrecognisedExport('exports/print.csv', decoded) as ReportError;
    expect(error.message).toBe('exports/print.csv: not a recognised export format. Its header line reads: "Kanal\\tBudget\\tReichweite"');
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

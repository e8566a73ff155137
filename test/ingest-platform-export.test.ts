import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExport, recogniseExport, unrecognisedExport } from '../pipeline/ingest/platform-export.ts';
import { decodeBytes } from '../pipeline/ingest/text.ts';
import { ReportError } from '../pipeline/errors.ts';

const decode = (text: string) => decodeBytes(new Uint8Array(Buffer.from(text)));

function load(text: string, file = 'x.csv') {
  const decoded = decode(text);
  const match = recogniseExport(decoded, file);
  if (!match) throw new Error('not recognised');
  return parseExport(decoded, match, file);
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
        date: '2026-10-01', spend: '123.45', impressions: '10000', reach: '8000', clicks: '210', link_clicks: '150', engagements: '320',
        result_count: '4', result_indicator: 'actions:offsite_conversion.fb_pixel_purchase', conversions: '4', conversion_value: '219.80',
        currency: 'EUR',
      },
    });
    expect(parsed.rows[1]?.values.conversions).toBeNull();
  });

  it('rejects a row that covers a period instead of a day, naming line and column', () => {
    expect(load(german).rejected).toEqual([
      {
        line: 4,
        column: 'Berichtsende',
        reason: 'the row covers 2026-10-01 to 2026-10-31, not one day; export with a daily breakdown (period rows are not spread over days)',
        value: '2026-10-01..2026-10-31',
      },
    ]);
  });

  it('counts results as conversions only when the indicator is a purchase', () => {
    const parsed = load([
      'Day,Campaign name,Amount spent (USD),Impressions,Results,Result indicator',
      '2026-10-01,A,10.00,100,3,actions:offsite_conversion.fb_pixel_purchase',
      '2026-10-01,B,10.00,100,7,actions:link_click',
    ].join('\n'));
    expect(parsed.rows.map((r) => [r.values.conversions ?? null, r.values.currency])).toEqual([['3', 'USD'], [null, 'USD']]);
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
    const parsed = parseExport(decoded, match, 'li.csv');
    expect(match.delimiter).toBe('\t');
    expect(parsed.rows[0]?.values).toMatchObject({ date: '2026-10-03', campaign_name: 'Group', ad_set_name: 'Campaign', spend: '220.00', currency: 'USD' });
  });

  const genuine = '../shared/exports/samples/linkedin_campaign_manager_ptBR_utf16_tab.csv';
  it.runIf(existsSync(genuine))('loads the genuine Portuguese export: 5 campaign rows, 1,917.15 USD', () => {
    const decoded = decodeBytes(new Uint8Array(readFileSync(genuine)));
    const match = recogniseExport(decoded, genuine)!;
    const parsed = parseExport(decoded, match, genuine);
    expect(parsed.rows).toHaveLength(5);
    expect(parsed.rejected).toEqual([]);
    const cents = parsed.rows.reduce((sum, r) => sum + Math.round(Number(r.values.spend) * 100), 0);
    expect(cents).toBe(191_715);
    expect(parsed.rows[0]?.values).toMatchObject({ date: '2023-09-01', currency: 'USD', spend: '454.06', impressions: '3309' });
  });
});

describe('an unrecognised file', () => {
  it('is refused with its header line and the known formats', () => {
    const decoded = decode('Datum;Kanal;Budget\n2026-10-01;Print;100\n');
    expect(recogniseExport(decoded, 'exports/print.csv')).toBeNull();
    const error = unrecognisedExport('exports/print.csv', decoded) as ReportError;
    expect(error.message).toBe('exports/print.csv: not a recognised export format. Its header line reads: "Datum;Kanal;Budget"');
    expect(error.details.join('\n')).toContain('Meta Ads Manager: day / reporting starts, campaign name / campaign id, amount spent, impressions');
    expect(error.details.join('\n')).toContain('Google Ads (incl. YouTube): day, campaign / campaign id, cost, impr., clicks');
  });
});

// The data-quality page's findings (site/lib/views/data-quality.ts) on the site
// fixture (test/fixtures/site/make-data.ts), in German: one per problem the data
// has, the most money first, each amount from the data. The fixture holds one
// unmapped Meta campaign, restated figures of two months, gaps of 5 LinkedIn and
// 2 Google Ads days (each account spends 95.50 on every day with data), a period
// row no month holds, rejected rows of two files (the manifest says no amount),
// an incomplete November and conflicting platform rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../site/lib/views/data-quality.ts';
import { writeSiteFixture } from './fixtures/site/make-data.ts';
import type { FixtureData } from './fixtures/site/make-data.ts';

type Row = Record<string, unknown>;

describe('the findings of the data-quality page', () => {
  let dir: string;
  let fixture: FixtureData;
  let found: Finding[];
  const saved = process.env.REPORT_DATA_DIR;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'site-findings-'));
    fixture = writeSiteFixture(dir, { locale: 'de' });
    process.env.REPORT_DATA_DIR = dir;
    const { getReport } = await import('../site/lib/report.ts');
    const { findings } = await import('../site/lib/views/data-quality.ts');
    found = findings(getReport());
  });

  afterAll(() => {
    if (saved === undefined) delete process.env.REPORT_DATA_DIR;
    else process.env.REPORT_DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fixture dataset's rows (the fixture keeps columns). */
  const rows = (name: string): Row[] => {
    const columns = Object.entries(fixture.datasets[name] ?? {});
    const count = columns[0]?.[1].values.length ?? 0;
    return Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map(([key, column]) => [key, column.values[i]])));
  };
  const euro = (value: number) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);

  it('lists one finding per problem, the most money first, those without an amount last', () => {
    expect(found.map((f) => [f.kind, f.moneyText])).toEqual([
      ['unmapped-spend', '5.044\u00a0€'],
      ['restated', '1.251\u00a0€'],
      ['gaps', 'etwa 669\u00a0€ (geschätzt)'],
      ['unplaced', '421\u00a0€'],
      ['rejected', 'kein Betrag bekannt'],
      ['incomplete', 'kein Betrag bekannt'],
      ['conflicts', 'kein Betrag bekannt'],
    ]);
  });

  it('takes each amount from the data', () => {
    const money = Object.fromEntries(found.map((f) => [f.kind, f.money]));
    const unmapped = rows('unmapped_campaigns').filter((r) => r.model === 'last_touch' && r.source === 'platform');
    const restated = rows('restatements').filter((r) => r.campaign === 'all' && r.metric === 'revenue');
    const unplaced = rows('unplaced_spend');
    expect([unmapped.length, restated.length, unplaced.length].every((n) => n > 0)).toBe(true);
    expect(money['unmapped-spend']).toBeCloseTo(unmapped.reduce((s, r) => s + Number(r.spend), 0), 6);
    expect(money.restated).toBeCloseTo(restated.reduce((s, r) => s + Math.abs(Number(r.change)), 0), 6);
    expect(money.unplaced).toBeCloseTo(unplaced.reduce((s, r) => s + Number(r.spend_report), 0), 6);
    // 7 gap days at the accounts' 95.50 a day
    expect(money.gaps).toBeCloseTo(7 * 95.5, 6);
    expect(euro(money['unmapped-spend'] ?? 0)).toBe('5.044\u00a0€');
  });

  it('says what is wrong and what to do, naming files and campaigns as identifiers', () => {
    const byKind = new Map(found.map((f) => [f.kind, f]));
    expect(byKind.get('unmapped-spend')).toMatchObject({
      title: 'Ausgaben von 1 Plattform-Kampagne ohne Kampagne',
      text: 'Ihre Ausgaben zählen unter „Nicht zugeordnet“ und in keinem Kampagnen-ROI; davon 420\u00a0€ im Oktober 2026. Die Kampagnen:',
      names: ['Meta: NL Test Kampagne DE'],
      more: null,
      action: 'In campaigns.csv ein Muster (Spalte match) ergänzen, das diese Kampagnennamen trifft, und den Bericht neu erstellen.',
      details: { id: 'unmapped' },
    });
    expect(byKind.get('gaps')).toMatchObject({
      title: '7 Tage ohne Plattformdaten, während eine Kampagne lief',
      text:
        'Kein Export deckt diese Tage ab, obwohl eine Kampagne davor und danach Ausgaben hatte: Google Ads · 123-456-7890: 14.08.2026 – 15.08.2026 (2 Tage) ' +
        'und LinkedIn · Nordlicht GmbH: 09.03.2026 – 13.03.2026 (5 Tage). Der Betrag schätzt die fehlenden Ausgaben aus den durchschnittlichen Tagesausgaben des Kontos.',
      details: { id: 'coverage' },
    });
    expect(byKind.get('rejected')).toMatchObject({
      title: '3 Eingabezeilen in 2 Dateien abgelehnt',
      names: ['exports/meta/meta_2026-10.csv (2)', 'exports/google/youtube_2026-10.csv (1)'],
      details: { id: 'rejected' },
    });
    expect(byKind.get('unplaced')).toMatchObject({ title: '1 Zeitraum-Zeile in keinem Monat verbucht', names: ['exports/google/Campaign report (GBP).csv'] });
    expect(byKind.get('incomplete')).toMatchObject({
      title: 'November 2026 ist unvollständig',
      text: 'Die Daten reichen bis 14.11.2026; die Zahlen des Monats sind vorläufig. Er ist auf jeder Seite markiert und wird nicht als veröffentlichter Monat gespeichert.',
      details: { path: '2026-11/' },
    });
    expect(byKind.get('restated')?.title).toBe('5 veröffentlichte Zahlen haben sich geändert (August 2026 und September 2026)');
    expect(byKind.get('conflicts')?.title).toBe('3 Plattformzeilen in mehreren Dateien mit verschiedenen Zahlen');
  });
});

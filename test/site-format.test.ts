// Exact strings from site/lib/format.ts, in German and English.
// \u00a0 is the no-break space Intl puts between a number and € or %.
import { describe, expect, it } from 'vitest';
import { createFormatter, NOT_AVAILABLE } from '../site/lib/format.ts';

const de = createFormatter({ locale: 'de', currency: 'EUR', timeZone: 'Europe/Berlin' });
const en = createFormatter({ locale: 'en', currency: 'EUR', timeZone: 'Europe/Berlin' });

describe('money', () => {
  it('formats euros with cents or whole', () => {
    expect(de.money(1234.56)).toBe('1.234,56\u00a0€');
    expect(en.money(1234.56)).toBe('€1,234.56');
    expect(de.money(59979.95, 0)).toBe('59.980\u00a0€');
    expect(en.money(59979.95, 0)).toBe('€59,980');
    expect(de.money(-1234.56, 0)).toBe('-1.235\u00a0€');
    expect(en.money(-1234.56, 0)).toBe('-€1,235');
    expect(de.money(0, 0)).toBe('0\u00a0€');
    expect(de.money(1234567.891)).toBe('1.234.567,89\u00a0€');
  });

  it('uses the report currency', () => {
    const usdDe = createFormatter({ locale: 'de', currency: 'USD', timeZone: 'UTC' });
    const usdEn = createFormatter({ locale: 'en', currency: 'USD', timeZone: 'UTC' });
    expect(usdDe.money(1234.5)).toBe('1.234,50\u00a0$');
    expect(usdEn.money(1234.5)).toBe('US$1,234.50');
  });

  it('shows a dash for null', () => {
    expect(de.money(null)).toBe(NOT_AVAILABLE);
    expect(NOT_AVAILABLE).toBe('–');
  });
});

describe('percent and changes', () => {
  it('formats ratios as percent', () => {
    expect(de.percent(0.123)).toBe('12,3\u00a0%');
    expect(en.percent(0.123)).toBe('12.3%');
    expect(de.percent(0.6, 0)).toBe('60\u00a0%');
    expect(de.percent(-1)).toBe('-100,0\u00a0%');
    expect(en.percent(3.4455)).toBe('344.6%');
    expect(de.percent(null)).toBe('–');
  });

  it('signs relative changes', () => {
    expect(de.percentChange(0.123)).toBe('+12,3\u00a0%');
    expect(en.percentChange(0.123)).toBe('+12.3%');
    expect(de.percentChange(-0.05)).toBe('-5,0\u00a0%');
    expect(en.percentChange(-0.05)).toBe('-5.0%');
    expect(de.percentChange(0)).toBe('0,0\u00a0%');
    expect(de.percentChange(0.00004)).toBe('0,0\u00a0%');
  });

  it('gives ROI changes in percentage points', () => {
    expect(de.pointsChange(0.041)).toBe('+4,1\u00a0Pp.');
    expect(en.pointsChange(0.041)).toBe('+4.1\u00a0pp');
    expect(de.pointsChange(-0.0123)).toBe('-1,2\u00a0Pp.');
    expect(en.pointsChange(null)).toBe('–');
  });

  it('formats ROAS and its change as plain numbers', () => {
    expect(de.ratio(2.9445)).toBe('2,94');
    expect(en.ratio(2.9445)).toBe('2.94');
    expect(de.ratioChange(0.35)).toBe('+0,35');
    expect(en.ratioChange(0.35)).toBe('+0.35');
    expect(de.ratioChange(-0.1)).toBe('-0,10');
  });

  it('formats counts and whole numbers', () => {
    expect(de.count(12)).toBe('12');
    expect(de.count(12.345)).toBe('12,3');
    expect(en.count(1234.56)).toBe('1,234.6');
    expect(de.integer(1234)).toBe('1.234');
    expect(en.integer(1234)).toBe('1,234');
  });
});

describe('months and dates', () => {
  it('writes months in words and short', () => {
    expect(de.month('2026-10')).toBe('Oktober 2026');
    expect(en.month('2026-10')).toBe('October 2026');
    expect(de.month('2026-03')).toBe('März 2026');
    expect(de.monthShort('2026-10')).toBe('Okt. 26');
    expect(en.monthShort('2026-10')).toBe('Oct 26');
    expect(de.monthShort('2026-03')).toBe('März 26');
    expect(de.monthShort('2025-11')).toBe('Nov. 25');
  });

  it('writes calendar dates without shifting the day', () => {
    expect(de.date('2026-11-15')).toBe('15.11.2026');
    expect(en.date('2026-11-15')).toBe('15 Nov 2026');
    expect(de.date('2026-01-01')).toBe('01.01.2026');
  });

  it('writes instants in the report time zone', () => {
    expect(de.dateTime('2026-11-22T15:30:00.000Z')).toBe('22.11.2026, 16:30 MEZ');
    expect(en.dateTime('2026-11-22T15:30:00.000Z')).toBe('22 Nov 2026, 16:30 CET');
    expect(de.dateTime('2026-07-01T22:15:00Z')).toBe('02.07.2026, 00:15 MESZ');
  });

  it('rejects what is not a month or a date', () => {
    expect(() => de.month('2026-13')).toThrow('month must be YYYY-MM, found "2026-13"');
    expect(() => de.date('2026-02-30')).toThrow('not a YYYY-MM-DD date: "2026-02-30"');
  });
});

describe('Vega locale', () => {
  it('matches the page conventions', () => {
    expect(de.vegaLocale().number).toEqual({
      decimal: ',',
      thousands: '.',
      grouping: [3],
      currency: ['', '\u00a0€'],
      percent: '\u00a0%',
      minus: '-',
    });
    expect(en.vegaLocale().number).toEqual({
      decimal: '.',
      thousands: ',',
      grouping: [3],
      currency: ['€', ''],
      percent: '%',
      minus: '-',
    });
    expect(de.vegaLocale().time.shortMonths[2]).toBe('Mär');
    expect(en.vegaLocale().time.days[0]).toBe('Sunday');
  });
});

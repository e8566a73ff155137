import { describe, expect, it } from 'vitest';
import {
  currencyFromHeader,
  decideDateLayout,
  decideDecimalSeparator,
  headerKey,
  normalizeHeader,
  parseCount,
  parseDate,
  parseNumber,
} from '../pipeline/ingest/values.ts';

describe('header normalisation', () => {
  it('folds the typography of the genuine German Meta header', () => {
    expect(normalizeHeader('Videowiedergaben bis 25\u00a0%')).toBe('videowiedergaben bis 25 %');
    expect(normalizeHeader('Websites-Käufe – Conversion-Wert')).toBe('websites-käufe - conversion-wert');
    expect(normalizeHeader('„Gefällt mir“-Angaben für Seite')).toBe('gefällt mir-angaben für seite');
    expect(normalizeHeader('  Amount   spent\t(EUR) ')).toBe('amount spent (eur)');
  });

  it('takes the currency out of a header suffix', () => {
    expect(currencyFromHeader('Ausgegebener Betrag (EUR)')).toBe('EUR');
    expect(currencyFromHeader('CPC (cost per link click) (USD)')).toBe('USD');
    expect(currencyFromHeader('Amount spent')).toBeNull();
    expect(headerKey('Ausgegebener Betrag (EUR)')).toBe('ausgegebener betrag');
    expect(headerKey('Clicks (all)')).toBe('clicks (all)');
  });
});

describe('numbers', () => {
  it('decides the decimal separator once per file from its cells', () => {
    expect(decideDecimalSeparator(['454,06', '3309', '95,769%', '1,03'])).toBe(',');
    expect(decideDecimalSeparator(['1,204', '1,033.33', '12.5'])).toBe('.');
    expect(decideDecimalSeparator(['1.234,56', '12'])).toBe(',');
    expect(decideDecimalSeparator(['1,234', '5,678'])).toBe('.');
    expect(decideDecimalSeparator(['3309', '12'])).toBe('.');
  });

  it('reads numbers in the decided layout, exactly', () => {
    expect(parseNumber('1,204.50', '.')?.text).toBe('1204.50');
    expect(parseNumber('"1.234,56 €"'.replaceAll('"', ''), ',')?.text).toBe('1234.56');
    expect(parseNumber('454,06', ',')?.text).toBe('454.06');
    expect(parseNumber('95,769%', ',')).toEqual({ text: '95.769', percent: true });
    expect(parseNumber('$412.30', '.')?.text).toBe('412.30');
    expect(parseNumber('-12.5', '.')?.text).toBe('-12.5');
    expect(parseNumber('(12.50)', '.')?.text).toBe('-12.50');
    expect(parseNumber('1 234,56', ',')?.text).toBe('1234.56');
    expect(parseNumber('0.00', '.')?.text).toBe('0.00');
  });

  it('refuses what does not fit the layout', () => {
    expect(parseNumber('12,5', '.')).toBeNull();
    expect(parseNumber('1.2.3', '.')).toBeNull();
    expect(parseNumber('abc', '.')).toBeNull();
    expect(parseNumber('1,23,4', '.')).toBeNull();
  });

  it('reads counts and refuses fractions', () => {
    expect(parseCount('12,480', '.')).toBe('12480');
    expect(parseCount('3.00', '.')).toBe('3');
    expect(parseCount('3.5', '.')).toBeNull();
    expect(parseCount('3309', ',')).toBe('3309');
    expect(parseCount('1.204', ',')).toBe('1204');
  });
});

describe('dates', () => {
  it('reads every layout platforms write', () => {
    expect(parseDate('2026-10-03', 'iso')).toBe('2026-10-03');
    expect(parseDate('2025-08-01T00:00:00', 'iso')).toBe('2025-08-01');
    expect(parseDate('2012-01-01 11:13:25 -0500', 'iso')).toBe('2012-01-01');
    expect(parseDate('01/09/2023', 'dmy')).toBe('2023-09-01');
    expect(parseDate('10/3/2026', 'mdy')).toBe('2026-10-03');
    expect(parseDate('03.10.2026', 'dmy')).toBe('2026-10-03');
    expect(parseDate('20261003', 'ymd_compact')).toBe('2026-10-03');
    expect(parseDate('43299', 'excel_serial')).toBe('2018-07-18');
    expect(parseDate('2026-02-30', 'iso')).toBeNull();
  });

  it('reads the period line of a Google Ads download in the UI language', () => {
    expect(parseDate('July 8, 2025', 'long')).toBe('2025-07-08');
    expect(parseDate('27 January 2026', 'long')).toBe('2026-01-27');
    expect(parseDate('1. Oktober 2026', 'long')).toBe('2026-10-01');
    expect(parseDate('31 décembre 2026', 'long')).toBe('2026-12-31');
    expect(parseDate('1 août 2026', 'long')).toBe('2026-08-01');
    expect(parseDate('1 de julio de 2025', 'long')).toBe('2025-07-01');
    expect(parseDate('30 de setembro de 2026', 'long')).toBe('2026-09-30');
    expect(parseDate('Todo el período', 'long')).toBeNull();
    expect(parseDate('31 Foo 2026', 'long')).toBeNull();
  });

  it('decides day-first against month-first from the values, else from the header language', () => {
    expect(decideDateLayout(['01/09/2023', '25/09/2023'], 'mdy')).toBe('dmy');
    expect(decideDateLayout(['9/15/2026', '10/3/2026'], 'dmy')).toBe('mdy');
    expect(decideDateLayout(['01/09/2023', '02/09/2023'], 'dmy')).toBe('dmy');
    expect(decideDateLayout(['01/09/2023', '02/09/2023'], 'mdy')).toBe('mdy');
    expect(decideDateLayout(['2026-10-01', '2026-10-02'], 'mdy')).toBe('iso');
    expect(decideDateLayout(['2026-10-01', '13/13/2026'], 'mdy')).toBeNull();
  });
});

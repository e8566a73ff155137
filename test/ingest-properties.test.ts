// Property-based tests of the number and date readers: any amount written the
// English or the German way, and any date in any layout platforms write, reads
// back exactly. fast-check draws the values; a failure prints the smallest one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideDateLayout,
  decideDecimalSeparator,
  parseCount,
  parseDate,
  parseNumber,
  shiftDecimal,
  type DecimalSeparator,
} from '../pipeline/ingest/values.ts';

const RUNS = { numRuns: 500 };

/** An amount as exact parts: whole units and a fraction of 0–4 digits. */
const amount = fc.record({
  whole: fc.bigInt({ min: 0n, max: 99_999_999_999n }),
  fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\d{1,4}$/)),
  negative: fc.boolean(),
});

function canonical({ whole, fraction, negative }: { whole: bigint; fraction: string; negative: boolean }): string {
  const trimmed = fraction;
  const text = trimmed === '' ? String(whole) : `${whole}.${trimmed}`;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

interface Locale {
  name: string;
  decimal: DecimalSeparator;
  thousands: string;
}

const LOCALES: Locale[] = [
  { name: 'English', decimal: '.', thousands: ',' },
  { name: 'German', decimal: ',', thousands: '.' },
  { name: 'French (spaces)', decimal: ',', thousands: '\u00a0' },
];

function write(value: { whole: bigint; fraction: string; negative: boolean }, locale: Locale, grouped: boolean): string {
  const whole = grouped ? group(String(value.whole), locale.thousands) : String(value.whole);
  const text = value.fraction === '' ? whole : `${whole}${locale.decimal}${value.fraction}`;
  return value.negative ? `-${text}` : text;
}

describe('numbers, property-based', () => {
  for (const locale of LOCALES) {
    it(`reads any amount written the ${locale.name} way, grouped or not`, () => {
      fc.assert(
        fc.property(amount, fc.boolean(), (value, grouped) => {
          expect(parseNumber(write(value, locale, grouped), locale.decimal)?.text).toBe(canonical(value));
        }),
        RUNS,
      );
    });

    it(`reads any count written the ${locale.name} way`, () => {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.boolean(), (n, grouped) => {
          const text = grouped ? group(String(n), locale.thousands) : String(n);
          expect(parseCount(text, locale.decimal)).toBe(String(n));
        }),
        RUNS,
      );
    });

    it(`decides the ${locale.name} decimal separator from a column with one real fraction`, () => {
      fc.assert(
        fc.property(
          fc.array(amount, { maxLength: 20 }),
          amount.filter((v) => v.fraction.length > 0 && v.fraction.length !== 3),
          fc.boolean(),
          (others, telling, grouped) => {
            const cells = [...others, telling].map((v) => write(v, locale, grouped));
            expect(decideDecimalSeparator(cells)).toBe(locale.decimal);
          },
        ),
        RUNS,
      );
    });
  }

  it('refuses an amount with a one- or two-digit fraction read in the other locale, instead of misreading it', () => {
    fc.assert(
      fc.property(amount.filter((v) => v.fraction.length === 1 || v.fraction.length === 2), fc.boolean(), (value, grouped) => {
        expect(parseNumber(write(value, LOCALES[0]!, grouped), ',')).toBeNull();
        expect(parseNumber(write(value, LOCALES[1]!, grouped), '.')).toBeNull();
      }),
      RUNS,
    );
  });

  it('moves the decimal point of micros exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (micros) => {
        const units = shiftDecimal(String(micros), -6);
        expect(shiftDecimal(units, 6)).toBe(String(micros));
        expect(Number(units)).toBeCloseTo(Number(micros) / 1e6, 6);
      }),
      RUNS,
    );
  });
});

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_DE = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => ({
  y: d.getUTCFullYear(),
  m: d.getUTCMonth() + 1,
  d: d.getUTCDate(),
  iso: d.toISOString().slice(0, 10),
}));
type Day = { y: number; m: number; d: number; iso: string };
const pad = (n: number) => String(n).padStart(2, '0');

const LAYOUTS: { name: string; layout: Parameters<typeof parseDate>[1]; write: (x: Day) => string }[] = [
  { name: 'ISO', layout: 'iso', write: (x) => x.iso },
  { name: 'ISO with time', layout: 'iso', write: (x) => `${x.iso}T00:00:00` },
  { name: 'D/M/Y (pt-BR, en-GB)', layout: 'dmy', write: (x) => `${pad(x.d)}/${pad(x.m)}/${x.y}` },
  { name: 'German TT.MM.JJJJ', layout: 'dmy', write: (x) => `${pad(x.d)}.${pad(x.m)}.${x.y}` },
  { name: 'German T.M.JJJJ', layout: 'dmy', write: (x) => `${x.d}.${x.m}.${x.y}` },
  { name: 'M/D/Y (en-US)', layout: 'mdy', write: (x) => `${x.m}/${x.d}/${x.y}` },
  { name: 'M/D/Y with time', layout: 'mdy', write: (x) => `${pad(x.m)}/${pad(x.d)}/${x.y} 18:30` },
  { name: 'YYYYMMDD', layout: 'ymd_compact', write: (x) => x.iso.replaceAll('-', '') },
  { name: 'Excel serial', layout: 'excel_serial', write: (x) => String(Date.UTC(x.y, x.m - 1, x.d) / 86_400_000 + 25_569) },
  { name: 'English long', layout: 'long', write: (x) => `${MONTHS_EN[x.m - 1]} ${x.d}, ${x.y}` },
  { name: 'English short', layout: 'long', write: (x) => `${MONTHS_EN[x.m - 1]!.slice(0, 3)} ${x.d} ${x.y}` },
  { name: 'German long', layout: 'long', write: (x) => `${x.d}. ${MONTHS_DE[x.m - 1]} ${x.y}` },
];

describe('dates, property-based', () => {
  for (const { name, layout, write } of LAYOUTS) {
    it(`reads any date written ${name}`, () => {
      fc.assert(fc.property(day, (x) => {
        expect(parseDate(write(x), layout)).toBe(x.iso);
      }), RUNS);
    });
  }

  it('decides day-first from any day above 12, whatever the header language says', () => {
    fc.assert(
      fc.property(fc.array(day, { minLength: 0, maxLength: 15 }), day.filter((x) => x.d > 12), fc.constantFrom('dmy' as const, 'mdy' as const), (days, telling, hint) => {
        const cells = [...days, telling].map((x) => `${pad(x.d)}/${pad(x.m)}/${x.y}`);
        expect(decideDateLayout(cells, hint)).toBe('dmy');
        for (const [cell, x] of cells.map((c, i) => [c, [...days, telling][i]!] as const)) expect(parseDate(cell, 'dmy')).toBe(x.iso);
      }),
      RUNS,
    );
  });

  it('decides month-first from any day above 12 in the second place', () => {
    fc.assert(
      fc.property(fc.array(day, { maxLength: 15 }), day.filter((x) => x.d > 12), fc.constantFrom('dmy' as const, 'mdy' as const), (days, telling, hint) => {
        const cells = [...days, telling].map((x) => `${x.m}/${x.d}/${x.y}`);
        expect(decideDateLayout(cells, hint)).toBe('mdy');
      }),
      RUNS,
    );
  });

  it('follows the header language when no value decides', () => {
    fc.assert(
      fc.property(fc.array(day.filter((x) => x.d <= 12), { minLength: 1, maxLength: 15 }), fc.constantFrom('dmy' as const, 'mdy' as const), (days, hint) => {
        expect(decideDateLayout(days.map((x) => `${pad(x.d)}/${pad(x.m)}/${x.y}`), hint)).toBe(hint);
      }),
      RUNS,
    );
  });

  it('never accepts a day that does not exist', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 31 }), (y, m, d) => {
        const exists = new Date(Date.UTC(y, m - 1, d)).getUTCMonth() === m - 1;
        expect(parseDate(`${y}-${pad(m)}-${pad(d)}`, 'iso') !== null).toBe(exists);
        expect(parseDate(`${pad(d)}.${pad(m)}.${y}`, 'dmy') !== null).toBe(exists);
      }),
      RUNS,
    );
  });
});

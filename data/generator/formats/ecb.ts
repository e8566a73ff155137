// ECB euro reference rates in the layout of eurofxref-hist.csv: wide, newest first,
// a trailing comma on every line, N/A where a currency is not quoted, TARGET days only.

import { join } from 'node:path';
import { Rng } from '../random.ts';
import { dayOf, isoDay, isTargetWorkingDay, FX_END, FX_START } from '../calendar.ts';
import { FileSink, shortDecimal } from '../sink.ts';
import type { FileSummary } from '../sink.ts';

const COLUMNS = [
  'USD', 'JPY', 'BGN', 'CYP', 'CZK', 'DKK', 'EEK', 'GBP', 'HUF', 'LTL', 'LVL', 'MTL', 'PLN', 'ROL', 'RON', 'SEK', 'SIT',
  'SKK', 'CHF', 'ISK', 'NOK', 'HRK', 'RUB', 'TRL', 'TRY', 'AUD', 'BRL', 'CAD', 'CNY', 'HKD', 'IDR', 'ILS', 'INR', 'KRW',
  'MXN', 'MYR', 'NZD', 'PHP', 'SGD', 'THB', 'ZAR',
] as const;

const LEGACY = new Set(['CYP', 'EEK', 'LTL', 'LVL', 'MTL', 'ROL', 'SIT', 'SKK', 'TRL', 'HRK', 'RUB']);
/** Bulgaria joined the euro on 2026-01-01: the lev is no longer quoted from then on. */
const BGN_LAST = dayOf('2025-12-31');

interface Walk {
  start: number;
  decimals: number;
  /** daily volatility of the log rate */
  vol: number;
  lo?: number;
  hi?: number;
  /** daily drift of the log rate (the lira keeps falling) */
  drift?: number;
}

const WALKS: Record<string, Walk> = {
  USD: { start: 1.165, decimals: 4, vol: 0.0042, lo: 1.08, hi: 1.18 },
  JPY: { start: 172.4, decimals: 2, vol: 0.005 },
  BGN: { start: 1.9558, decimals: 4, vol: 0 },
  CZK: { start: 24.46, decimals: 3, vol: 0.0015 },
  DKK: { start: 7.4635, decimals: 4, vol: 0.00008 },
  GBP: { start: 0.8628, decimals: 4, vol: 0.0028, lo: 0.84, hi: 0.87 },
  HUF: { start: 397.1, decimals: 2, vol: 0.0035 },
  PLN: { start: 4.262, decimals: 4, vol: 0.0018 },
  RON: { start: 5.071, decimals: 4, vol: 0.0008 },
  SEK: { start: 11.18, decimals: 4, vol: 0.003 },
  CHF: { start: 0.9365, decimals: 4, vol: 0.0022, lo: 0.92, hi: 0.96 },
  ISK: { start: 142.9, decimals: 1, vol: 0.0025 },
  NOK: { start: 11.85, decimals: 4, vol: 0.0035 },
  TRY: { start: 47.35, decimals: 4, vol: 0.002, drift: 0.0007 },
  AUD: { start: 1.781, decimals: 4, vol: 0.004 },
  BRL: { start: 6.42, decimals: 4, vol: 0.006 },
  CAD: { start: 1.601, decimals: 4, vol: 0.003 },
  ILS: { start: 3.93, decimals: 4, vol: 0.005 },
  INR: { start: 101.6, decimals: 4, vol: 0.004 },
  KRW: { start: 1611.2, decimals: 2, vol: 0.0045 },
  MXN: { start: 21.62, decimals: 4, vol: 0.005 },
  MYR: { start: 4.93, decimals: 4, vol: 0.003 },
  NZD: { start: 1.962, decimals: 4, vol: 0.004 },
  PHP: { start: 66.4, decimals: 3, vol: 0.004 },
  SGD: { start: 1.497, decimals: 4, vol: 0.0022 },
  THB: { start: 37.71, decimals: 3, vol: 0.0035 },
  ZAR: { start: 20.61, decimals: 4, vol: 0.006 },
  IDR: { start: 18980, decimals: 2, vol: 0.004 },
};

/** Currencies quoted against the dollar: derived from USD so the cross rates stay plausible. */
const USD_PEGGED: Record<string, { perUsd: number; decimals: number; vol: number }> = {
  HKD: { perUsd: 7.83, decimals: 4, vol: 0.0004 },
  CNY: { perUsd: 7.17, decimals: 4, vol: 0.0015 },
};

export class FxTable {
  private readonly byCurrency = new Map<string, Map<number, number>>();
  readonly days: number[] = [];

  set(currency: string, day: number, rate: number): void {
    let series = this.byCurrency.get(currency);
    if (!series) {
      series = new Map();
      this.byCurrency.set(currency, series);
    }
    series.set(day, rate);
  }

  quoted(currency: string, day: number): number | undefined {
    return this.byCurrency.get(currency)?.get(day);
  }

  /** Units of `currency` per EUR on `day`, carrying the last fixing forward over weekends and holidays. */
  rate(currency: string, day: number): number {
    const series = this.byCurrency.get(currency);
    if (!series) throw new Error(`no rates for ${currency}`);
    for (let d = day; d >= day - 10; d--) {
      const r = series.get(d);
      if (r !== undefined) return r;
    }
    throw new Error(`no ${currency} rate on or before day ${isoDay(day)}`);
  }
}

const DECIMALS = new Map<string, number>([
  ...Object.entries(WALKS).map(([c, w]) => [c, w.decimals] as const),
  ...Object.entries(USD_PEGGED).map(([c, w]) => [c, w.decimals] as const),
]);

export function buildFxTable(seed: number): FxTable {
  const rng = new Rng(seed, 'fx');
  const table = new FxTable();
  const level = new Map<string, number>(Object.entries(WALKS).map(([c, w]) => [c, Math.log(w.start)]));
  const pegNoise = new Map<string, number>(Object.keys(USD_PEGGED).map((c) => [c, 0]));
  for (let day = FX_START; day <= FX_END; day++) {
    if (!isTargetWorkingDay(day)) continue;
    table.days.push(day);
    for (const [currency, walk] of Object.entries(WALKS)) {
      let x = level.get(currency) ?? 0;
      const anchor = Math.log(walk.start);
      // a little mean reversion keeps a year-long walk near plausible levels
      x += walk.vol * rng.normal() + (walk.drift ?? 0) - 0.01 * (x - anchor - (walk.drift ?? 0) * (day - FX_START));
      if (walk.lo !== undefined && walk.hi !== undefined) {
        const lo = Math.log(walk.lo);
        const hi = Math.log(walk.hi);
        if (x < lo) x = lo + (lo - x);
        if (x > hi) x = hi - (x - hi);
      }
      level.set(currency, x);
      if (currency === 'BGN' && day > BGN_LAST) continue;
      table.set(currency, day, Number(shortDecimal(Math.exp(x), walk.decimals)));
    }
    const usd = Math.exp(level.get('USD') ?? 0);
    for (const [currency, peg] of Object.entries(USD_PEGGED)) {
      const n = 0.7 * (pegNoise.get(currency) ?? 0) + peg.vol * rng.normal();
      pegNoise.set(currency, n);
      table.set(currency, day, Number(shortDecimal(usd * peg.perUsd * Math.exp(n), peg.decimals)));
    }
  }
  return table;
}

export async function writeEcb(out: string, table: FxTable): Promise<FileSummary> {
  const sink = new FileSink(join(out, 'fx.csv'), 'fx.csv', { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' });
  sink.rawLine(`Date,${COLUMNS.join(',')},`);
  for (let i = table.days.length - 1; i >= 0; i--) {
    const day = table.days[i];
    if (day === undefined) continue;
    const cells = COLUMNS.map((c) => {
      if (LEGACY.has(c)) return 'N/A';
      const rate = table.quoted(c, day);
      return rate === undefined ? 'N/A' : shortDecimal(rate, DECIMALS.get(c) ?? 4);
    });
    sink.at(day).rawLine(`${isoDay(day)},${cells.join(',')},`, true);
  }
  return sink.close();
}

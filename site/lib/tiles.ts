// The six headline tiles: which summary columns each shows, how they are formatted,
// and what a change means (more revenue is good, more cost is just more cost).
// The changes themselves come computed in monthly_trend.

import type { MonthlyTrendRow } from './data/schemas.ts';
import type { Formatter } from './format.ts';
import type { Messages } from './i18n.ts';

export type TileMetric = 'media_spend' | 'total_cost' | 'revenue' | 'gross_profit' | 'roi' | 'roas';

export const TILE_METRICS: readonly TileMetric[] = [
  'media_spend',
  'total_cost',
  'revenue',
  'gross_profit',
  'roi',
  'roas',
];

export type Direction = 'up' | 'down' | 'flat';
export type Tone = 'good' | 'bad' | 'neutral';

export interface ChangeLine {
  /** The change as shown: "+12,3 %", "−4,1 Pp.", "+0,35". */
  text: string;
  direction: Direction;
  tone: Tone;
  /** "ggü. Vormonat" / "vs. previous month". */
  against: string;
  /** The direction in words, for screen readers. */
  directionWord: string;
}

export interface NoteLine {
  note: string;
}

export interface Tile {
  metric: TileMetric;
  label: string;
  hint: string;
  value: string;
  month: ChangeLine | NoteLine;
  /** Only when the same month a year before is in the data. */
  year: ChangeLine | NoteLine | null;
}

type Kind = 'money' | 'roi' | 'ratio';

const KIND: Record<TileMetric, Kind> = {
  media_spend: 'money',
  total_cost: 'money',
  revenue: 'money',
  gross_profit: 'money',
  roi: 'roi',
  roas: 'ratio',
};

/** Whether an increase is good news; cost going up is neither good nor bad by itself. */
const UP_IS_GOOD: Record<TileMetric, boolean | null> = {
  media_spend: null,
  total_cost: null,
  revenue: true,
  gross_profit: true,
  roi: true,
  roas: true,
};

/** Rounds like the shown text, so "+0,0 %" never gets an arrow. */
const SHOWN_DECIMALS: Record<Kind, number> = { money: 3, roi: 3, ratio: 2 };

export function isChange(line: ChangeLine | NoteLine): line is ChangeLine {
  return 'text' in line;
}

/**
 * Whether the month and the months it is compared with are complete: a month that is not
 * complete yet is never compared with a full one (its partial figures would read as a fall).
 */
export interface TileCompleteness {
  month: boolean;
  prevMonth: boolean;
  prevYear: boolean;
}

const ALL_COMPLETE: TileCompleteness = { month: true, prevMonth: true, prevYear: true };

export function buildTiles(row: MonthlyTrendRow, fmt: Formatter, t: Messages, complete: TileCompleteness = ALL_COMPLETE): Tile[] {
  return TILE_METRICS.map((metric) => {
    const kind = KIND[metric];
    const value = formatValue(kind, row[metric], fmt);
    const change = (changeValue: number | null, prev: number | null, against: string, note: (v: string) => string, otherComplete: boolean) => {
      if (!complete.month) return { note: t.truth.noComparisonIncomplete };
      if (changeValue !== null && !otherComplete) return { note: t.truth.noComparisonAgainstIncomplete };
      if (changeValue === null) return { note: prev === null ? t.noPrevMonth : note(formatValue(kind, prev, fmt)) };
      return changeLine(metric, kind, changeValue, against, fmt, t);
    };
    const prevYear = row[`${metric}_prev_year`];
    return {
      metric,
      label: t.tiles[metric],
      // ROAS divides the revenue of the campaigns bought on platforms, not the revenue tile:
      // its hint names both figures, so 2.36 never reads as revenue ÷ media spend
      hint: metric === 'roas' && row.roas !== null ? t.truth.roasFormula(fmt.money(row.paid_media_revenue, 0), fmt.money(row.media_spend, 0)) : t.tileHints[metric],
      value,
      month: change(row[`${metric}_change`], row[`${metric}_prev`], t.vsPrevMonth, t.previousValue, complete.prevMonth),
      year:
        prevYear === null ? null : change(row[`${metric}_change_year`], prevYear, t.vsPrevYear, t.previousYearValue, complete.prevYear),
    };
  });
}

function formatValue(kind: Kind, value: number | null, fmt: Formatter): string {
  if (kind === 'money') return fmt.money(value, 0);
  if (kind === 'roi') return fmt.percent(value, 1);
  return fmt.ratio(value);
}

function changeLine(
  metric: TileMetric,
  kind: Kind,
  value: number,
  against: string,
  fmt: Formatter,
  t: Messages,
): ChangeLine {
  const scale = 10 ** SHOWN_DECIMALS[kind];
  const shown = (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale;
  const direction: Direction = shown > 0 ? 'up' : shown < 0 ? 'down' : 'flat';
  const upIsGood = UP_IS_GOOD[metric];
  const tone: Tone =
    upIsGood === null || direction === 'flat' ? 'neutral' : (direction === 'up') === upIsGood ? 'good' : 'bad';
  const text =
    kind === 'money' ? fmt.percentChange(value) : kind === 'roi' ? fmt.pointsChange(value) : fmt.ratioChange(value);
  return { text, direction, tone, against, directionWord: t[direction === 'flat' ? 'unchanged' : direction] };
}

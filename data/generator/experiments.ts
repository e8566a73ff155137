// experiments.csv: three results as a marketing team receives them, over the sample's
// autumn 2026. Against what last click credits over the same days they tell three
// stories: Meta's conversion lift finds fewer incremental conversions than attribution
// credits (retargeting buyers who would have bought anyway), a YouTube geo test finds
// less incremental revenue than attribution credits, and a TikTok geo test finds a higher
// iROAS than the attributed ROAS (views that last click does not see). Counts and amounts
// grow with the scale; an iROAS does not.

import { join } from 'node:path';
import { dayOf } from './calendar.ts';
import { FileSink } from './sink.ts';
import type { FileSummary } from './sink.ts';

export const EXPERIMENTS_HEADER = [
  'experiment_id', 'campaign', 'channel', 'start_date', 'end_date', 'metric', 'estimate', 'standard_error', 'ci_low', 'ci_high', 'ci_level', 'source', 'note',
] as const;

interface Experiment {
  id: string;
  campaign: string;
  channel: string;
  start: string;
  end: string;
  metric: 'conversions' | 'revenue' | 'iroas';
  estimate: number;
  standardError: number | null;
  interval: [number, number, number] | null;
  source: string;
  note: string;
}

const EXPERIMENTS: readonly Experiment[] = [
  {
    id: 'tiktok-geo-2026-08', campaign: '', channel: 'TikTok', start: '2026-08-03', end: '2026-08-30', metric: 'iroas', estimate: 2.4, standardError: 0.5, interval: null,
    source: 'GeoLift', note: 'Matched Markets: 4 Testregionen, Standardfehler aus dem Jackknife',
  },
  {
    id: 'youtube-geo-2026-09', campaign: 'youtube_demand_gen', channel: '', start: '2026-09-07', end: '2026-10-04', metric: 'revenue', estimate: 620, standardError: null, interval: [90, 1150, 0.9],
    source: 'GeoLift', note: '6 Testregionen, Umsatz netto',
  },
  {
    id: 'meta-lift-2026-10', campaign: '', channel: 'Meta', start: '2026-10-01', end: '2026-10-28', metric: 'conversions', estimate: 118, standardError: 31, interval: null,
    source: 'Meta Conversion Lift', note: '10 % Holdout, Kaufereignis',
  },
];

/** A number as the file writes it: no exponent, at most two decimals. */
function numberText(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export async function writeExperiments(out: string, scale: number): Promise<FileSummary> {
  const sink = new FileSink(join(out, 'experiments.csv'), 'experiments.csv', { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' });
  sink.line(EXPERIMENTS_HEADER);
  for (const e of EXPERIMENTS) {
    const grow = e.metric === 'iroas' ? 1 : scale;
    // a result is known once the experiment has ended
    sink.at(dayOf(e.end)).row([
      e.id, e.campaign, e.channel, e.start, e.end, e.metric, numberText(e.estimate * grow),
      e.standardError === null ? '' : numberText(e.standardError * grow),
      e.interval ? numberText(e.interval[0] * grow) : '', e.interval ? numberText(e.interval[1] * grow) : '', e.interval ? String(e.interval[2]) : '',
      e.source, e.note,
    ]);
  }
  return sink.close();
}

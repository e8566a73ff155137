// What the bootstrap lets the report claim: intervals in tables and charts, and the
// verdicts (roi_verdicts) and channel ranking (channel_ranking) behind the overview's
// sentences, its best and worst campaigns and where to move budget. Nothing is computed
// here: rows are picked by their verdicts and shares, which the SQL computes, and compared
// with the report's settings (interval_level, min_conversions).

import type { ChannelRankingRow, ChannelRoiRow, RoiVerdictRow } from './data/schemas.ts';
import type { IntervalMessages, NoMoveReason, Verdict } from './i18n-intervals.ts';
import { intervalMessages } from './i18n-intervals.ts';
import type { Report } from './report.ts';
import type { TableColumn, TableModel } from './table.ts';
import { isSpecialKey } from './channels.ts';
import { channelsWithRoi, monthRows, rowsBy } from './select.ts';

/** Whether this report has intervals at all (report.json bootstrap_replicates above 0). */
export function intervalsOn(report: Report): boolean {
  return report.manifest.settings.bootstrap_replicates > 0;
}

/** The interval texts in the report's locale. */
export function intervalWords(report: Report): IntervalMessages {
  return intervalMessages(report.fmt.locale);
}

/** The interval's name from the settings: "90-%-Intervall" / "90% interval". */
export function intervalName(report: Report): string {
  return intervalWords(report).interval(report.fmt.number(report.manifest.settings.interval_level * 100));
}

/**
 * The column with its interval (`<base>_low`, `<base>_high` cells) when the report has
 * intervals; as it is otherwise, so that neither the page nor the downloads show empty ends.
 * `openHigh`: a missing high end means no upper bound (CPA).
 */
export function withInterval(report: Report, column: TableColumn, base: string = column.key, openHigh = false): TableColumn {
  if (!intervalsOn(report)) return column;
  const w = intervalWords(report);
  const label = column.label.replaceAll('\u00ad', '');
  return {
    ...column,
    interval: { low: `${base}_low`, high: `${base}_high`, lowLabel: w.lowEnd(label), highLabel: w.highEnd(label), ...(openHigh ? { openHigh: w.openHigh } : {}) },
  };
}

/** The note under a table whose columns carry intervals; none for a table without. */
export function intervalNotes(report: Report, table: Pick<TableModel, 'columns'>): string[] {
  if (!table.columns.some((c) => c.interval)) return [];
  return [intervalWords(report).tableNote(intervalName(report), report.fmt.integer(report.manifest.settings.bootstrap_replicates))];
}

/**
 * The caption's sentence on a chart's whiskers, empty without intervals: `whiskers` for bars,
 * `lineWhiskers` for a line chart whose revenue carries them.
 */
export function whiskerCaption(report: Report, kind: 'whiskers' | 'lineWhiskers' = 'whiskers'): string {
  if (!intervalsOn(report)) return '';
  return ` ${intervalWords(report)[kind](intervalName(report), report.fmt.integer(report.manifest.settings.bootstrap_replicates))}`;
}

/** "too few conversions to judge" under a row's name, when its conversions are too few. */
export function tooFewSub(report: Report, row: { too_few_conversions: boolean | null }, column = 'name'): Record<string, string> | undefined {
  return row.too_few_conversions === true ? { [column]: intervalWords(report).tooFew } : undefined;
}

/** The note that explains "too few conversions to judge", when a row of the table shows it. */
export function tooFewNotes(report: Report, rows: readonly { sub?: Readonly<Record<string, string>> }[]): string[] {
  const w = intervalWords(report);
  if (!rows.some((r) => Object.values(r.sub ?? {}).includes(w.tooFew))) return [];
  const note = intervalsOn(report) ? w.tooFewNote : w.tooFewNoteOff;
  return [note(report.fmt.integer(report.manifest.settings.min_conversions), report.modelName(report.model))];
}

/** The verdicts of one month and grain, by key. */
export function verdictsOf(rows: readonly RoiVerdictRow[], month: string, grain: 'campaign' | 'channel'): Map<string, RoiVerdictRow> {
  return new Map(rowsBy(rows, 'month|grain', (r) => `${r.month}|${r.grain}`, `${month}|${grain}`).map((r) => [r.key, r]));
}

const isVerdict = (v: string | null): v is Verdict => v === 'earns' || v === 'loses' || v === 'depends_on_model' || v === 'uncertain';

// ---------------------------------------------------------------------------
// Best and worst campaigns

export interface JudgedCampaigns<R> {
  /** Up to `count` campaigns that earn their cost under every model, highest ROI first. */
  best: R[];
  /** Up to `count` campaigns that lose money under every model, lowest ROI first. */
  worst: R[];
  /** Campaigns with a verdict that the tables leave out: too few conversions first, then by verdict. */
  unjudged: { depends_on_model: number; uncertain: number; too_few: number };
}

/**
 * The best and worst campaigns as the verdicts support them (`ranked` sorted by ROI, highest
 * first): a campaign is best only when it earns its cost under every model, worst only when it
 * loses money under every model, and neither when it has too few conversions to judge.
 * Campaigns without a verdict (no costs) are in no list and no count.
 */
export function judgeCampaigns<R extends { campaign: string; roi: number | null }>(ranked: readonly R[], verdicts: ReadonlyMap<string, RoiVerdictRow>, count: number): JudgedCampaigns<R> {
  const unjudged = { depends_on_model: 0, uncertain: 0, too_few: 0 };
  const earns: R[] = [];
  const loses: R[] = [];
  for (const row of ranked) {
    const v = verdicts.get(row.campaign);
    if (!v || !isVerdict(v.verdict)) continue;
    if (v.too_few_conversions === true) unjudged.too_few++;
    // 'best' only with a ROI above 0 and 'worst' only below, whatever the replicates say
    else if (v.verdict === 'earns' && (row.roi ?? 0) > 0) earns.push(row);
    else if (v.verdict === 'loses' && (row.roi ?? 0) < 0) loses.push(row);
    else if (v.verdict === 'earns' || v.verdict === 'loses') unjudged.uncertain++;
    else unjudged[v.verdict]++;
  }
  return { best: earns.slice(0, count), worst: loses.slice(-count).reverse(), unjudged };
}

// ---------------------------------------------------------------------------
// Where to move budget

export interface BudgetPlan<C> {
  /** off: no intervals; moves: at least one move; none: the data supports none (`reason`). */
  state: 'off' | 'moves' | 'none';
  /** Channels that lose money under every model, enough conversions, lowest ROI first. */
  losers: C[];
  /** Channels that earn their cost under every model, enough conversions, highest ROI first. */
  earners: C[];
  /** One move per loser, to every earner. */
  moves: { from: C; to: C[] }[];
  /** Channels that earn or lose under every model but have too few conversions to judge. */
  skipped: { channel: C; verdict: RoiVerdictRow }[];
  reason: NoMoveReason | null;
}

/**
 * Moves only from channels that robustly lose money to channels that robustly earn their cost
 * (roi_verdicts, channel grain, of one month), skipping channels with too few conversions;
 * `channels` are the month's channel_roi rows under the report's model. No amounts.
 */
export function budgetPlan<C extends { channel: string; roi: number | null }>(on: boolean, verdicts: ReadonlyMap<string, RoiVerdictRow>, channels: readonly C[]): BudgetPlan<C> {
  if (!on) return { state: 'off', losers: [], earners: [], moves: [], skipped: [], reason: null };
  const real = channels.filter((c) => !isSpecialKey(c.channel));
  const judged = (verdict: Verdict) => real.filter((c) => verdicts.get(c.channel)?.verdict === verdict && verdicts.get(c.channel)?.too_few_conversions !== true);
  const byRoi = (a: C, b: C) => (a.roi ?? 0) - (b.roi ?? 0) || a.channel.localeCompare(b.channel);
  const losers = judged('loses').sort(byRoi);
  const earners = judged('earns').sort((a, b) => byRoi(b, a));
  const skipped = real
    .map((channel) => ({ channel, verdict: verdicts.get(channel.channel) }))
    .filter((s): s is { channel: C; verdict: RoiVerdictRow } => s.verdict?.too_few_conversions === true && (s.verdict.verdict === 'earns' || s.verdict.verdict === 'loses'))
    .sort((a, b) => a.channel.channel.localeCompare(b.channel.channel));
  const moves = earners.length > 0 ? losers.map((from) => ({ from, to: earners })) : [];
  const reason: NoMoveReason | null = moves.length > 0 ? null : losers.length === 0 && earners.length === 0 ? 'neither' : losers.length === 0 ? 'noLoser' : 'noEarner';
  return { state: moves.length > 0 ? 'moves' : 'none', losers, earners, moves, skipped, reason };
}

/** The budget section's paragraphs for one month. */
export function budgetParagraphs(report: Report, month: string): { intro: string | null; lines: string[] } {
  const { fmt, model, data } = report;
  const w = intervalWords(report);
  const on = intervalsOn(report);
  const channels = monthRows(data.datasets.channel_roi, month, model);
  const plan = budgetPlan(on, verdictsOf(data.datasets.roi_verdicts, month, 'channel'), channels);
  if (plan.state === 'off') return { intro: null, lines: [w.budgetOff] };
  const list = listFormat(report, 'conjunction');
  const interval = intervalName(report);
  const describe = (c: ChannelRoiRow) => {
    const range = c.roi_low !== null && c.roi_high !== null ? `${fmt.percent(c.roi_low, 0)}\u00a0– ${fmt.percent(c.roi_high, 0)}` : fmt.percent(null);
    return w.budgetChannel(report.channelName(c.channel), fmt.percent(c.roi, 1), interval, range);
  };
  const lines: string[] = [];
  if (plan.state === 'moves') {
    const or = new Intl.ListFormat(fmt.intlLocale, { type: 'disjunction' });
    for (const move of plan.moves) lines.push(w.budgetMove(describe(move.from), or.format(move.to.map(describe))));
  } else {
    lines.push(w.budgetNone(plan.reason ?? 'neither'));
    if (plan.earners.length > 0) lines.push(w.budgetEarners(list(plan.earners.map(describe))));
    if (plan.losers.length > 0) lines.push(w.budgetLosers(list(plan.losers.map(describe))));
  }
  if (plan.skipped.length > 0) {
    const min = fmt.integer(report.manifest.settings.min_conversions);
    lines.push(w.budgetSkipped(list(plan.skipped.map((s) => w.skippedChannel(report.channelName(s.channel.channel), fmt.count(s.verdict.conversions), w.verdictWords[s.verdict.verdict as Verdict]))), min));
  }
  return { intro: w.budgetIntro(fmt.percent(report.manifest.settings.interval_level, 0), fmt.integer(report.manifest.settings.bootstrap_replicates)), lines };
}

// ---------------------------------------------------------------------------
// The overview's sentences on channels

function listFormat(report: Report, type: 'conjunction' | 'disjunction'): (items: string[]) => string {
  const format = new Intl.ListFormat(report.fmt.intlLocale, { type });
  return (items) => format.format(items);
}

/**
 * The channels in the month's words: which earned their cost under every model, which depend
 * on the model, which lost money, which allow no verdict, which have too few conversions; then
 * the best and the worst channel, named only when the ranking's share reaches interval_level.
 * Without intervals: the highest and lowest ROI, saying that how sure the order is is unknown.
 */
export function channelSentences(report: Report, month: string): string[] {
  const { fmt, model, data } = report;
  const w = intervalWords(report);
  const ranked = channelsWithRoi(data.datasets.channel_roi, month, model);
  if (!intervalsOn(report)) {
    const best = ranked[0];
    const worst = ranked.at(-1);
    const sentences = [w.off];
    if (best && worst && best !== worst) {
      sentences.push(w.channelsOff(report.channelName(best.channel), fmt.percent(best.roi, 1), report.channelName(worst.channel), fmt.percent(worst.roi, 1)));
    }
    return sentences;
  }
  const verdicts = verdictsOf(data.datasets.roi_verdicts, month, 'channel');
  const list = listFormat(report, 'conjunction');
  // channels in the order of their ROI under the report's model, then any other channel with a verdict
  const order = [...ranked.map((r) => r.channel), ...[...verdicts.keys()].filter((k) => !ranked.some((r) => r.channel === k)).sort()];
  const group = (verdict: Verdict) => order.filter((k) => verdicts.get(k)?.verdict === verdict && verdicts.get(k)?.too_few_conversions !== true).map((k) => report.channelName(k));
  const earns = group('earns');
  const depends = group('depends_on_model');
  const loses = group('loses');
  const uncertain = group('uncertain');
  const sentences: string[] = [];
  if (earns.length + depends.length + loses.length + uncertain.length > 0) {
    const joined = (names: string[]) => (names.length ? list(names) : null);
    sentences.push(
      w.verdicts({
        earns: joined(earns),
        earnsMany: earns.length > 1,
        depends: joined(depends),
        dependsMany: depends.length > 1,
        loses: joined(loses),
        losesMany: loses.length > 1,
        uncertain: joined(uncertain),
      }),
    );
  }
  const tooFew = order.filter((k) => verdicts.get(k)?.too_few_conversions === true);
  if (tooFew.length > 0) {
    sentences.push(
      w.tooFewChannels(
        list(tooFew.map((k) => w.conversionsOf(report.channelName(k), fmt.count(verdicts.get(k)?.conversions ?? null)))),
        fmt.integer(report.manifest.settings.min_conversions),
      ),
    );
  }
  sentences.push(...rankingSentences(report, monthRows(data.datasets.channel_ranking, month, model), ranked, new Set(tooFew)));
  return sentences;
}

/** How many channels the unclear sentences name, highest share first. */
const SHARES_NAMED = 3;

/**
 * The best and the worst channel, each named only when its share of replicates reaches interval_level; else the top shares.
 * A channel in `tooFew` is named with "too few conversions to judge": few orders can put it last in every replicate
 * (none bought, ROI -100 %) without that saying much about the channel.
 */
export function rankingSentences(report: Report, ranking: readonly ChannelRankingRow[], channels: readonly ChannelRoiRow[], tooFew: ReadonlySet<string> = new Set()): string[] {
  const { fmt } = report;
  const w = intervalWords(report);
  const name = (channel: string) => (tooFew.has(channel) ? `${report.channelName(channel)} (${w.tooFew})` : report.channelName(channel));
  const level = report.manifest.settings.interval_level;
  const rows = ranking.filter((r) => !isSpecialKey(r.channel));
  if (rows.length < 2) return [];
  const roiOf = (channel: string) => fmt.percent(channels.find((c) => c.channel === channel)?.roi ?? null, 1);
  const side = (share: (r: ChannelRankingRow) => number | null, clear: typeof w.bestClear, unclear: typeof w.bestUnclear, which: 'best' | 'worst') => {
    const top = rows
      .filter((r) => (share(r) ?? 0) > 0)
      .sort((a, b) => (share(b) ?? 0) - (share(a) ?? 0) || a.channel.localeCompare(b.channel));
    const first = top[0];
    if (!first) return null;
    if ((share(first) ?? 0) >= level) {
      const roi = tooFew.has(first.channel) ? `${roiOf(first.channel)}; ${w.tooFew}` : roiOf(first.channel);
      return clear(report.channelName(first.channel), roi, fmt.percent(share(first), 0));
    }
    return unclear(
      top
        .slice(0, SHARES_NAMED)
        .map((r, i) => (i === 0 ? w.shareFirst(name(r.channel), fmt.percent(share(r), 0), which) : w.shareNext(name(r.channel), fmt.percent(share(r), 0))))
        .join(', '),
    );
  };
  return [side((r) => r.share_best, w.bestClear, w.bestUnclear, 'best'), side((r) => r.share_worst, w.worstClear, w.worstUnclear, 'worst')].filter((s): s is string => s !== null);
}

/** The line under the best and worst tables: how many campaigns could not be judged, and why. */
export function unjudgedLine(report: Report, unjudged: JudgedCampaigns<unknown>['unjudged']): string | null {
  const { fmt } = report;
  const w = intervalWords(report);
  const total = unjudged.depends_on_model + unjudged.uncertain + unjudged.too_few;
  if (total === 0) return null;
  const parts = (['depends_on_model', 'uncertain', 'too_few'] as const)
    .filter((k) => unjudged[k] > 0)
    .map((k) => w.unjudgedPart(w.unjudgedParts[k], fmt.integer(unjudged[k])));
  return w.unjudged(total, fmt.integer(total), parts.join(', '));
}

/** The campaign rows' verdicts of a month, for the tables. */
export function campaignVerdicts(report: Report, month: string): Map<string, RoiVerdictRow> {
  return verdictsOf(report.data.datasets.roi_verdicts, month, 'campaign');
}

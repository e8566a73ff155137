// The engagement page's organic local and channel sections: each Google Business
// Profile location's month (profile views by Search and Maps, mobile and desktop,
// and what people did from the profile), and the YouTube channel's month from
// YouTube Studio. A figure the export does not give shows as not reported, never 0.

import type { LocalActivityMonthlyRow, YoutubeChannelMonthlyRow } from '../data/schemas.ts';
import type { LocalColumn, LocalMessages, YoutubeBasis } from '../i18n-local.ts';
import { localMessages } from '../i18n-local.ts';
import type { Report } from '../report.ts';
import type { CellKind, TableColumn, TableModel, TableRow } from '../table.ts';
import { monthRows } from '../select.ts';
import { csvPath, monthPath } from '../routes.ts';
import { notReportedNotes } from './common.ts';

export interface LocalSection {
  heading: string;
  intro: string;
  table: TableModel;
}

export interface LocalView {
  /** Null when no export of the run has any row of the source: the section is left out. */
  local: LocalSection | null;
  youtube: LocalSection | null;
}

const LOCAL_COUNTS = [
  'profile_views', 'views_search', 'views_maps', 'views_mobile', 'views_desktop',
  'website_clicks', 'calls', 'direction_requests', 'bookings', 'conversations', 'local_interactions',
] as const satisfies readonly (keyof LocalActivityMonthlyRow & LocalColumn)[];

const YOUTUBE_NUMBERS = ['views', 'watch_hours', 'subscribers_gained', 'impressions', 'youtube_ctr'] as const satisfies readonly (keyof YoutubeChannelMonthlyRow & LocalColumn)[];

export function localView(report: Report, month: string): LocalView {
  const tl = localMessages(report.fmt.locale);
  const page = monthPath(month, 'engagement');
  const { local_activity_monthly: local, youtube_channel_monthly: youtube } = report.data.datasets;
  return {
    local: local.length === 0 ? null : { heading: tl.localHeading, intro: tl.localIntro, table: localTable(report, tl, month, page, local) },
    youtube: youtube.length === 0 ? null : { heading: tl.youtubeHeading, intro: tl.youtubeIntro, table: youtubeTable(report, tl, month, page, youtube) },
  };
}

/** A metric of the SQL as `name: definition`, from the catalogue; empty when the catalogue lacks it. */
function metricNote(report: Report, key: string): string {
  const metric = report.catalog.metrics.find((m) => m.key === key);
  return metric ? `${report.text(metric.name)}: ${report.text(metric.definition)}` : '';
}

const col = (tl: LocalMessages, key: LocalColumn, kind: CellKind): TableColumn => ({ key, label: tl.col[key], kind });

/** The cells of a row's figures that are null, shown as not reported. */
function notReported(report: Report, row: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => row[k] === null || row[k] === undefined).map((k) => [k, report.t.notReported]));
}

function localTable(report: Report, tl: LocalMessages, month: string, page: string, all: readonly LocalActivityMonthlyRow[]): TableModel {
  const rows: TableRow[] = monthRows(all, month)
    .sort((a, b) => (b.profile_views ?? -1) - (a.profile_views ?? -1) || a.location.localeCompare(b.location))
    .map((r) => ({ key: r.location, cells: { ...r }, display: notReported(report, r, LOCAL_COUNTS) }));
  return {
    id: 'local-activity',
    caption: tl.localCaption(report.fmt.month(month)),
    columns: [col(tl, 'location', 'text'), ...LOCAL_COUNTS.map((k) => col(tl, k, 'integer'))],
    rows,
    csv: csvPath(page, 'local-activity'),
    datasets: ['local_activity_monthly'],
    notes: [tl.localNote, metricNote(report, 'profile_views')].filter((n) => n !== ''),
    empty: tl.localNone(report.fmt.month(month)),
  };
}

function youtubeTable(report: Report, tl: LocalMessages, month: string, page: string, all: readonly YoutubeChannelMonthlyRow[]): TableModel {
  const rows: TableRow[] = monthRows(all, month)
    .sort((a, b) => (a.channel ?? '').localeCompare(b.channel ?? ''))
    .map((r) => ({
      key: r.channel ?? '',
      cells: { ...r },
      display: {
        channel: r.channel ? r.channel : tl.unnamedChannel,
        basis: tl.basis[r.basis as YoutubeBasis] ?? r.basis,
        ...notReported(report, r, YOUTUBE_NUMBERS),
      },
    }));
  return {
    id: 'youtube-channel',
    caption: tl.youtubeCaption(report.fmt.month(month)),
    columns: [
      col(tl, 'channel', 'text'),
      col(tl, 'views', 'integer'),
      col(tl, 'watch_hours', 'number'),
      col(tl, 'subscribers_gained', 'integer'),
      col(tl, 'impressions', 'integer'),
      col(tl, 'youtube_ctr', 'percent'),
      col(tl, 'basis', 'text'),
      col(tl, 'videos', 'integer'),
    ],
    rows,
    csv: csvPath(page, 'youtube-channel'),
    datasets: ['youtube_channel_monthly'],
    notes: [tl.youtubeNote, ...notReportedNotes(report, rows), metricNote(report, 'youtube_ctr')].filter((n) => n !== ''),
    empty: tl.youtubeNone(report.fmt.month(month)),
  };
}

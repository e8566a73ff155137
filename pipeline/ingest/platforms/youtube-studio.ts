// YouTube Studio's advanced mode export (docs/formats.md, "YouTube Studio"),
// the channel's organic numbers: `Table data.csv` of the zip Studio gives,
// one row per video (`Content` = the video ID) for the chosen range, or one
// row per day when the table's dimension is the date; a `Total` row first.
// The total row is checked against the sum of the rows (checkedMetrics):
// agreeing it is dropped as a totals row, otherwise it is rejected with the
// difference. The range of a by-video table is in the name of the download
// (`Content 2026-10-01_2026-10-31 <channel>`); the channel's name after it.
import { monthFirstIfEnglish, type Context, type PlatformFormat, type Values } from './format.ts';
import { periodContext, withPeriodDate } from './report-period.ts';

/** The channel's name: the words after the period in the download's name (`Content 2026-10-01_2026-10-31 Nordlicht`). */
export function channelFromPath(file: string): string | null {
  for (const part of file.split(/[\\/]/).slice(0, -1).reverse()) {
    const name = /\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\s+(.+?)\s*(?:\.zip)?$/i.exec(part)?.[1];
    if (name) return name;
  }
  return null;
}

export const youtubeStudioTable: PlatformFormat = {
  format: 'youtube_studio_table',
  platform: 'youtube',
  label: 'YouTube Studio advanced mode export (Table data.csv)',
  kind: 'organic_daily',
  columns: {
    date: ['date', 'datum'],
    post_id: ['content', 'inhalt', 'contenu'],
    post_title: ['video title', 'videotitel', 'titre de la vidéo'],
    published_at: ['video publish time', 'veröffentlichungszeitpunkt des videos', 'heure de publication de la vidéo'],
  },
  metrics: {
    views: ['views', 'aufrufe', 'vues'],
    watch_hours: ['watch time (hours)', 'wiedergabezeit (stunden)', 'durée de visionnage (heures)'],
    subscribers_gained: ['subscribers', 'abonnenten', 'abonnés'],
    impressions: ['impressions', 'impressionen'],
    impressions_ctr: ['impressions click-through rate (%)', 'klickrate der impressionen (%)', 'taux de clics des impressions (%)'],
  },
  required: [['post_id', 'date']],
  signature: ['watch time (hours)', 'impressions click-through rate (%)', 'wiedergabezeit (stunden)', 'klickrate der impressionen (%)', 'durée de visionnage (heures)'],
  slashDateOrder: monthFirstIfEnglish(['date']),
  engagementDefinition: 'not applicable (channel views and watch time)',
  checkedMetrics: ['views', 'watch_hours', 'subscribers_gained', 'impressions'],
  context(preamble: readonly string[], _sheet: string | null, file: string): Context {
    const channel = channelFromPath(file);
    return { ...periodContext(file, preamble, 'the YouTube Studio table by content'), ...(channel ? { account: channel } : {}) };
  },
  finish(row: Values, context: Context): Values {
    return withPeriodDate(row, context);
  },
};

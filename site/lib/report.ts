// Everything a page needs, from the one data folder: manifest, rows, the locale's
// texts and formatters, the attribution model shown, and the channel colours.

import type { Manifest, ReportData } from './datasets.ts';
import { reportData } from './datasets.ts';
import type { Formatter } from './format.ts';
import { createFormatter, NOT_AVAILABLE } from './format.ts';
import type { AttributionModel, Messages } from './i18n.ts';
import { messages } from './i18n.ts';
import { channelColor as colorOf, channelColors, UNATTRIBUTED, UNMAPPED } from './channels.ts';
import { allChannels } from './select.ts';

export interface Report {
  data: ReportData;
  manifest: Manifest;
  /** The selected month, YYYY-MM. */
  month: string;
  model: AttributionModel;
  t: Messages;
  fmt: Formatter;
  title: string;
  channelColor(channel: string): string;
  /** A channel as words: the user's name, or the words for unmapped and unattributed. */
  channelName(channel: string | null): string;
}

let report: Report | undefined;

export function getReport(): Report {
  if (report) return report;
  const data = reportData();
  const { manifest } = data;
  const { settings } = manifest;
  const t = messages(settings.locale);
  const colors = channelColors(allChannels(data.datasets));
  report = {
    data,
    manifest,
    month: manifest.month,
    model: settings.attribution_model,
    t,
    fmt: createFormatter({ locale: settings.locale, currency: settings.currency, timeZone: settings.timezone }),
    title: manifest.title ?? t.defaultTitle,
    channelColor: (channel) => colorOf(colors, channel),
    channelName: (channel) => {
      if (channel === UNMAPPED) return t.unmapped;
      if (channel === UNATTRIBUTED) return t.unattributed;
      return channel ?? NOT_AVAILABLE;
    },
  };
  return report;
}

/**
 * A link from the page at `pathname` (Astro.url.pathname) to `target`, a path from
 * the site root without a leading slash. Relative, so the report works from any
 * folder. Pages are built as `<folder>/index.html` (build.format 'directory').
 */
export function relativeUrl(pathname: string, target: string): string {
  const segments = pathname.split('/').filter(Boolean);
  const depth = segments.at(-1)?.includes('.') ? segments.length - 1 : segments.length;
  return '../'.repeat(depth) + target;
}

// Organic Facebook Page exports from Meta Business Suite (docs/formats.md,
// "Facebook Page posts" and "Business Suite daily series"):
//   posts   Insights → Content → Export: one row per post with lifetime
//           numbers as of the export day; 32–34 columns month to month.
//   series  one CSV per page metric, UTF-16LE, `sep=,`, the metric's name on
//           the line above `"Date","Primary"` (`Facebook follows`, `Views`, …).
import { monthFirst, sumOf, type Context, type PlatformFormat, type Values } from './format.ts';
import { platformSlug } from './generic.ts';

export const facebookPosts: PlatformFormat = {
  format: 'facebook_posts',
  platform: 'facebook',
  label: 'Facebook Page posts (Meta Business Suite)',
  kind: 'organic_posts',
  columns: {
    post_id: ['post id'],
    account_id: ['page id'],
    account: ['page name'],
    post_title: ['title', 'description'],
    published_at: ['publish time'],
    permalink: ['permalink'],
    post_type: ['post type'],
    lifetime_marker: ['date'],
    impressions: ['views', 'impressions'],
    reach: ['reach'],
    engagements: ['reactions, comments and shares'],
    likes: ['reactions'],
    comments: ['comments'],
    shares: ['shares'],
    clicks: ['total clicks'],
    link_clicks: ['link clicks'],
    video_views: ['3-second video views', '3-second views'],
  },
  required: [['post_id'], ['published_at'], ['impressions', 'reach']],
  signature: ['page id', 'page name'],
  slashDateOrder: monthFirst,
  engagementDefinition: 'reactions + comments + shares',
  finish(row: Values): Values {
    return row.engagements == null ? { ...row, engagements: sumOf(row, ['likes', 'comments', 'shares']) } : row;
  },
};

/**
 * Metric names of the daily series, by the title line without its platform
 * word (`Facebook follows` and `Follows` are both follows).
 */
const SERIES_METRICS: Record<string, string> = {
  follows: 'followers_gained',
  visits: 'page_visits',
  'profile visits': 'profile_visits',
  'content interactions': 'content_interactions',
  'link clicks': 'link_clicks',
  views: 'views',
  viewers: 'viewers',
  reach: 'reach',
};

/** The platforms Business Suite writes daily series for. */
const SERIES_PLATFORMS = ['facebook', 'instagram'] as const;
type SeriesPlatform = (typeof SERIES_PLATFORMS)[number];

const PLATFORM_LINE = /^\s*#?\s*"?platform\s*[:=]\s*([^",;\t]+?)\s*"?\s*[,;\t]*\s*$/i;

/** What the lines above `"Date","Primary"` and the file's folder say about a series. */
interface SeriesOrigin {
  metric: string;
  title: string;
  /** Null when nothing says (titles such as `Content interactions` are the same on both platforms). */
  platform: SeriesPlatform | null;
  /** Why the platform is unknown, or a disagreement between title, platform line and folder. */
  problem: string | null;
}

const isSeriesPlatform = (name: string): name is SeriesPlatform => (SERIES_PLATFORMS as readonly string[]).includes(name);

/**
 * Reads a Business Suite daily series' title and platform. Business Suite
 * writes Facebook's and Instagram's series in one layout, and some titles
 * (`Content interactions`, `Views`, `Reach`, `Follows`) on both, so the
 * platform comes, in this order, from the title (`Instagram profile visits`,
 * `Facebook follows`), a `# platform: instagram` line above it, or a
 * `facebook`/`instagram` folder in the file's path (`organic/instagram/…`).
 * Never guessed: a series none of them places is not loaded (docs/formats.md,
 * "Business Suite daily series").
 */
export function seriesOrigin(preamble: readonly string[], file: string): SeriesOrigin | null {
  let fromLine: string | null = null;
  const lines: string[] = [];
  for (const raw of preamble) {
    const named = PLATFORM_LINE.exec(raw)?.[1];
    if (named) fromLine = platformSlug(named);
    else lines.push(raw.replace(/^"|"$/g, '').replace(/[,;\t"]+$/, '').trim());
  }
  const title = lines.filter((line) => line !== '' && !/^sep=/i.test(line) && !line.startsWith('#')).at(-1);
  if (!title) return null;
  const words = /^(facebook|instagram)\s+(.+)$/i.exec(title);
  const fromTitle = words ? (words[1]!.toLowerCase() as SeriesPlatform) : null;
  const name = (words ? words[2]! : title).toLowerCase();
  const metric = SERIES_METRICS[name] ?? name.replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  if (!metric) return null;
  const folders = file.split(/[\\/]/).slice(0, -1).map((part) => part.toLowerCase());
  const fromFolder = folders.filter(isSeriesPlatform).at(-1) ?? null;

  const origin: SeriesOrigin = { metric, title, platform: null, problem: null };
  if (fromLine !== null && !isSeriesPlatform(fromLine)) {
    origin.problem = `the platform line names "${fromLine}", but a Business Suite daily series is facebook or instagram; write "# platform: facebook" or "# platform: instagram" above the title`;
    return origin;
  }
  origin.platform = fromTitle ?? fromLine ?? fromFolder;
  if (origin.platform === null) {
    origin.problem =
      `the daily series "${title}" does not say whether it is the Facebook page's or the Instagram account's ` +
      '(Business Suite gives both the same title), so it is not loaded; put the file in organic/instagram/ or organic/facebook/, ' +
      'or add a line "# platform: instagram" (or facebook) above the title';
    return origin;
  }
  const said = [
    fromTitle && `its title says ${fromTitle}`,
    fromLine && `its platform line says ${fromLine}`,
    fromFolder && `its folder says ${fromFolder}`,
  ].filter((s): s is string => Boolean(s));
  const disagree = [fromTitle, fromLine, fromFolder].some((p) => p !== null && p !== origin.platform);
  if (disagree) origin.problem = `the daily series "${title}": ${said.join(', ')}; loaded as ${origin.platform} (the title, then the platform line, then the folder decides)`;
  return origin;
}

/** The context of a series of one platform: null when the series is another platform's (or of no known platform). */
export function seriesContext(platform: SeriesPlatform | null) {
  return (preamble: readonly string[], _sheet: string | null, file: string): Context | null => {
    const origin = seriesOrigin(preamble, file);
    if (!origin || origin.platform !== platform) return null;
    const context: Context = { metric: origin.metric, metric_title: origin.title };
    if (origin.platform) context.platform = origin.platform;
    if (origin.problem) context[origin.platform ? 'platform_note' : 'platform_unknown'] = origin.problem;
    return context;
  };
}

/** The layout of a Business Suite daily series, the same for Facebook and Instagram. */
export const BUSINESS_SUITE_SERIES = {
  kind: 'organic_daily',
  columns: { date: ['date'] },
  metrics: { $context: ['primary'] },
  required: [['date']],
  slashDateOrder: monthFirst,
} as const satisfies Partial<PlatformFormat>;

export const facebookPageSeries: PlatformFormat = {
  ...BUSINESS_SUITE_SERIES,
  format: 'facebook_page_daily',
  platform: 'facebook',
  label: 'Facebook Page daily series (Meta Business Suite)',
  engagementDefinition: 'content interactions: reactions, comments, shares, saves and clicks on the page content',
  context: seriesContext('facebook'),
};

/**
 * A Business Suite daily series nothing places on a platform: recognised, so
 * the user is told how to place it, and its rows are rejected, not guessed.
 */
export const unplacedSeries: PlatformFormat = {
  ...BUSINESS_SUITE_SERIES,
  format: 'business_suite_daily',
  platform: '',
  label: 'Meta Business Suite daily series whose platform is not known',
  engagementDefinition: 'not loaded: platform unknown',
  context: seriesContext(null),
};

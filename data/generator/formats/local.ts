// Organic local and channel exports (docs/formats.md, "Google Business Profile"
// and "YouTube Studio"), one per complete month, each from its own random stream
// so that no other sample file changes:
//   organic/google-business/Nordlicht Naturkosmetik (Performance Report) - 2026-10-1 - 2026-10-31.csv
//       the Business Profile manager's bulk download for one location: the header,
//       the row of column descriptions, one row per location; bookings left empty
//       (the shop has no booking provider), so the report shows them as not reported
//   organic/youtube/Content 2026-10-01_2026-10-31 Nordlicht Naturkosmetik/Table data.csv
//       YouTube Studio's advanced mode table by content: the Total row first (the
//       exact sum of the video rows), then the month's videos and two older ones

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { monthsBetween, ymd, DATA_END, DATA_START } from '../calendar.ts';
import { FileSink, inCut } from '../sink.ts';
import type { FileSummary } from '../sink.ts';

const BUSINESS_NAME = 'Nordlicht Naturkosmetik';
const LOCATION = { code: 'NL-HH-01', name: 'Nordlicht Naturkosmetik Hamburg', address: 'Lange Reihe 12, 20099 Hamburg', labels: 'Laden' };
const CHANNEL = 'Nordlicht Naturkosmetik';

export const GBP_HEADER = [
  'Store code', 'Business name', 'Address', 'Labels', 'Google Search - Mobile', 'Google Search - Desktop', 'Google Maps - Mobile',
  'Google Maps - Desktop', 'Calls', 'Messages', 'Bookings', 'Directions', 'Website clicks', 'Food orders', 'Food menu clicks', 'Hotel bookings',
];
const GBP_DESCRIPTIONS = [
  '', '', '', '',
  'Number of people that viewed your Business Profile on Google Search using Mobile',
  'Number of people that viewed your Business Profile on Google Search using Desktop',
  'Number of people that viewed your Business Profile on Google Maps using Mobile',
  'Number of people that viewed your Business Profile on Google Maps using Desktop',
  'Number of interactions with the call button from your Business Profile',
  'Number of conversations initiated from your Business Profile',
  'Number of bookings made from your Business Profile',
  'Number of requests for directions made from your Business Profile',
  'Number of interactions with the website button from your Business Profile',
  'Number of Food orders placed for pickup or delivery from your Google Business Profile with an Order with Google Provider',
  'Number of clicks to view or interact with the menu content on your Business Profile',
  "Number of interactions with the hotel supplier's free booking link",
];

export const YOUTUBE_HEADER = [
  'Content', 'Video title', 'Video publish time', 'Duration', 'Views', 'Watch time (hours)', 'Subscribers', 'Impressions', 'Impressions click-through rate (%)',
];

const VIDEO_TOPICS = [
  'Sanddorn-Serum im Test', 'So entsteht unsere Nachtcreme', 'Morgenroutine in 3 Schritten', 'Zero Waste im Badezimmer',
  'Trockene Haut im Winter', 'Unsere Rohstoffe aus Norddeutschland', 'Lippenpflege selbst gemacht', 'Hinter den Kulissen der Manufaktur',
];
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Seasonal weight of a month (more searches before Christmas). */
const season = (m: number) => 1 + 0.35 * Math.cos(((m - 12) / 12) * 2 * Math.PI);

/** Only whole months: a download of a part of a month cannot be placed in one. */
function completeMonths() {
  return monthsBetween(DATA_START, DATA_END).filter((month) => ymd(month.end + 1).d === 1);
}

async function writeBusinessProfile(out: string, seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'organic', 'google-business');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'organic/google-business');
  const summaries: FileSummary[] = [];
  for (const month of completeMonths()) {
    const first = ymd(month.start);
    const last = ymd(month.end);
    const w = season(first.m);
    const count = (base: number) => String(Math.max(0, Math.round(base * w * (1 + rng.noise(0.12)))));
    const name = `${BUSINESS_NAME} (Performance Report) - ${first.y}-${first.m}-${first.d} - ${last.y}-${last.m}-${last.d}.csv`;
    const sink = new FileSink(join(dir, name), `organic/google-business/${name}`, { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' }, month.start);
    sink.line(GBP_HEADER);
    sink.line(GBP_DESCRIPTIONS);
    sink.row([
      LOCATION.code, LOCATION.name, LOCATION.address, LOCATION.labels,
      count(1150), count(310), count(640), count(85), count(26), count(4), '', count(58), count(140), '', '', '',
    ]);
    summaries.push(await sink.close());
  }
  return summaries;
}

interface Video {
  id: string;
  title: string;
  /** day number of publication */
  day: number;
  minutes: number;
  appeal: number;
}

function videoId(rng: Rng): string {
  let id = '';
  for (let i = 0; i < 11; i++) id += ID_CHARS[rng.int(0, ID_CHARS.length - 1)];
  return id;
}

/** `Oct 3, 2026`, as Studio writes publish times in English. */
function publishDay(day: number): string {
  const { y, m, d } = ymd(day);
  return `${SHORT_MONTHS[m - 1]} ${d}, ${y}`;
}

async function writeYoutube(out: string, seed: number): Promise<FileSummary[]> {
  const rng = new Rng(seed, 'organic/youtube');
  const summaries: FileSummary[] = [];
  const videos: Video[] = [];
  for (const month of completeMonths()) {
    const fresh = rng.int(1, 3);
    for (let i = 0; i < fresh; i++) {
      videos.push({ id: videoId(rng), title: rng.pick(VIDEO_TOPICS), day: rng.int(month.start, month.end), minutes: rng.int(3, 14), appeal: rng.uniform(0.6, 1.6) });
    }
    // the month's own videos and the two most watched older ones
    const shown = videos.filter((v) => v.day >= month.start).concat(videos.filter((v) => v.day < month.start).sort((a, b) => b.appeal - a.appeal).slice(0, 2));
    const rows = shown.map((v) => {
      const fresh = v.day >= month.start;
      const views = Math.round(v.appeal * (fresh ? 1400 : 380) * (1 + rng.noise(0.15)));
      // watch hours in ten-thousandths, so that the total is the exact sum
      const watch = Math.round(views * v.minutes * rng.uniform(0.3, 0.5) * 10_000 / 60);
      const subscribers = Math.round(views * rng.uniform(0.006, 0.014));
      const impressions = Math.round(views / rng.uniform(0.035, 0.07));
      const ctr = Math.round((views * 0.55 / impressions) * 10_000) / 100;
      return { v, views, watch, subscribers, impressions, ctr };
    });
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
    const clicks = sum((r) => (r.impressions * r.ctr) / 100);
    const first = ymd(month.start);
    const last = ymd(month.end);
    const folder = `Content ${first.y}-${pad2(first.m)}-01_${last.y}-${pad2(last.m)}-${pad2(last.d)} ${CHANNEL}`;
    const dir = join(out, 'organic', 'youtube', folder);
    if (inCut(month.start)) await mkdir(dir, { recursive: true });
    const sink = new FileSink(join(dir, 'Table data.csv'), `organic/youtube/${folder}/Table data.csv`, { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' }, month.start);
    const hours = (tenThousandths: number) => (tenThousandths / 10_000).toFixed(4);
    sink.line(YOUTUBE_HEADER);
    sink.line([
      'Total', '', '', '', String(sum((r) => r.views)), hours(sum((r) => r.watch)), String(sum((r) => r.subscribers)),
      String(sum((r) => r.impressions)), (Math.round((clicks / sum((r) => r.impressions)) * 10_000) / 100).toFixed(2),
    ]);
    for (const r of rows) {
      sink.row([
        r.v.id, r.v.title, publishDay(r.v.day), String(r.v.minutes * 60 + (r.v.id.charCodeAt(0) % 60)), String(r.views), hours(r.watch),
        String(r.subscribers), String(r.impressions), r.ctr.toFixed(2),
      ]);
    }
    summaries.push(await sink.close());
  }
  return summaries;
}

export async function writeLocal(out: string, seed: number): Promise<FileSummary[]> {
  return [...(await writeBusinessProfile(out, seed)), ...(await writeYoutube(out, seed))];
}

// Organic exports (docs/formats.md), in the layouts the platforms ship:
//   organic/facebook/<range>_<page id>.csv   Business Suite post export, UTF-8 with BOM; each
//                                            monthly export also holds the previous month's
//                                            posts, with their lifetime numbers grown since
//   organic/facebook/Follows.csv              the daily "Facebook follows" series: UTF-16LE, sep=,
//   organic/instagram/<range>.csv             Instagram post export, thousands commas, same overlap
//   organic/linkedin/<page>_followers_<ts>.xlsx  New followers + demographic sheets, note rows
//   organic/linkedin/<page>_updates_<ts>.xlsx    daily update metrics + one row per post
// Lifetime numbers grow with a post's age: final × (1 − ½^(age / 2 days)).

import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { isoDay, monthAbbr, monthsBetween, ymd, DATA_END, DATA_START } from '../calendar.ts';
import { FileSink, inCut } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import type { SpendPlan } from '../spend.ts';
import { writeXlsx, type XlsxCell } from '../xlsx.ts';

const PAGE_ID = '104729318865093';
const PAGE_NAME = 'Nordlicht Naturkosmetik';
const IG_ACCOUNT_ID = '17841402938475610';
const IG_USERNAME = 'nordlicht.naturkosmetik';
const LINKEDIN_PAGE = 'nordlicht-naturkosmetik';
/** 2026-11-16 00:00 UTC in milliseconds, as LinkedIn stamps its download names. */
const LINKEDIN_STAMP = '1794787200000';

const TOPICS = [
  'Herbstpflege mit Sanddorn', 'Hinter den Kulissen: unsere Manufaktur', 'Neu: Nachtcreme mit Hagebutte', 'Tipps für trockene Haut',
  'Zero Waste im Badezimmer', 'Unsere Rohstoffe aus Norddeutschland', 'Kundinnen-Review der Woche', 'Geschenkideen unter 30 €',
  'Morgenroutine in 3 Schritten', 'Gewinnspiel: Pflege-Set', 'Team-Vorstellung', 'Frühlingsputz für die Haut',
];

const pad2 = (n: number) => String(n).padStart(2, '0');
/** `10/03/2026 18:00`, as Business Suite writes publish times. */
function publishTime(day: number, minute: number): string {
  const { y, m, d } = ymd(day);
  return `${pad2(m)}/${pad2(d)}/${y} ${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
}
const grown = (final: number, ageDays: number) => Math.round(final * (1 - 0.5 ** (Math.max(0, ageDays) / 2)));

interface Post {
  id: string;
  day: number;
  minute: number;
  type: string;
  topic: string;
  reach: number;
  video: boolean;
}

function plannedPosts(rng: Rng, perMonth: number, types: readonly string[], idBase: bigint, reachScale: number): Post[] {
  const posts: Post[] = [];
  let n = 0n;
  for (const month of monthsBetween(DATA_START, DATA_END)) {
    const days = month.end - month.start + 1;
    const count = Math.round((perMonth * days) / 30);
    for (let i = 0; i < count; i++) {
      const type = rng.pick(types);
      const video = /reel|video/i.test(type);
      posts.push({
        id: String(idBase + ++n),
        day: month.start + Math.min(days - 1, Math.floor(((i + rng.uniform(0.1, 0.9)) * days) / count)),
        minute: rng.int(7 * 60, 21 * 60),
        type,
        topic: rng.pick(TOPICS),
        reach: Math.round(reachScale * (video ? 2.4 : 1) * rng.noise(0.45)),
        video,
      });
    }
  }
  return posts.sort((a, b) => a.day - b.day || a.minute - b.minute);
}

/** Export days: the 2nd of each month for the month before and the one before that; the data end for the rest. */
function exportsOf(posts: readonly Post[]): { exportedOn: number; from: number; to: number; posts: Post[] }[] {
  const months = monthsBetween(DATA_START, DATA_END);
  return months.map((month, i) => {
    const from = months[Math.max(0, i - 1)]!.start;
    const exportedOn = Math.min(month.end + 2, DATA_END);
    return { exportedOn, from, to: month.end, posts: posts.filter((p) => p.day >= from && p.day <= month.end && p.day <= exportedOn) };
  });
}

function rangeName(from: number, to: number): string {
  const a = ymd(from);
  const b = ymd(to);
  return `${monthAbbr(a.m)}-${pad2(a.d)}-${a.y}_${monthAbbr(b.m)}-${pad2(b.d)}-${b.y}`;
}

export const FACEBOOK_POSTS_HEADER = [
  'Post ID', 'Page ID', 'Page name', 'Title', 'Description', 'Duration (sec)', 'Publish time', 'Permalink', 'Post type',
  'Languages', 'Custom labels', 'Funded content status', 'Data comment', 'Date', 'Views', 'Reach',
  'Reactions, Comments and Shares', 'Reactions', 'Comments', 'Shares', 'Total clicks', 'Link clicks', '3-second video views',
] as const;

export const INSTAGRAM_POSTS_HEADER = [
  'Post ID', 'Account ID', 'Account username', 'Account name', 'Description', 'Duration (sec)', 'Publish time', 'Permalink',
  'Post type', 'Data comment', 'Date', 'Views', 'Reach', 'Likes', 'Shares', 'Follows', 'Comments', 'Saves',
] as const;

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

async function writeFacebook(out: string, seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'organic', 'facebook');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'organic/facebook');
  const posts = plannedPosts(rng, 8, ['Photos', 'Photos', 'Reels', 'Links', 'Videos'], 122_100_000_000_000_000n, 2600);
  const summaries: FileSummary[] = [];
  for (const ex of exportsOf(posts)) {
    const name = `${rangeName(ex.from, ex.to)}_${PAGE_ID}.csv`;
    // a window is downloaded once it is over: after the --as-of cut it is not in the folder
    const sink = new FileSink(join(dir, name), `organic/facebook/${name}`, { encoding: 'utf8', bom: true, delimiter: ',', eol: '\n' }, ex.to);
    sink.line(FACEBOOK_POSTS_HEADER);
    for (const post of ex.posts) {
      const age = ex.exportedOn - post.day;
      const reach = grown(post.reach, age);
      const reactions = grown(Math.round(post.reach * 0.031), age);
      const comments = grown(Math.round(post.reach * 0.004), age);
      const shares = grown(Math.round(post.reach * 0.0025), age);
      const clicks = grown(Math.round(post.reach * 0.022), age);
      const isLink = post.type === 'Links';
      sink.row([
        `${PAGE_ID}_${post.id}`, PAGE_ID, PAGE_NAME, '', post.topic, post.video ? String(20 + (Number(post.id) % 40)) : '',
        publishTime(post.day, post.minute), `https://www.facebook.com/${PAGE_ID}/posts/${post.id}`, post.type, '', '', '', '',
        'Lifetime', String(Math.round(reach * 1.31)), String(reach), String(reactions + comments + shares), String(reactions),
        String(comments), String(shares), String(clicks), isLink ? String(Math.round(clicks * 0.6)) : '0',
        post.video ? String(Math.round(reach * 0.45)) : '',
      ]);
    }
    summaries.push(await sink.close());
  }
  // the daily follows series: sep= hint, the metric's name, then every field quoted
  const name = 'Follows.csv';
  const sink = new FileSink(join(dir, name), `organic/facebook/${name}`, { encoding: 'utf16le', bom: true, delimiter: ',', eol: '\n' });
  sink.rawLine('sep=,');
  sink.rawLine('"Facebook follows"');
  sink.rawLine('"Date","Primary"');
  for (let day = DATA_START; day <= DATA_END; day++) sink.at(day).rawLine(`"${isoDay(day)}T00:00:00","${rng.poisson(4.2)}"`, true);
  summaries.push(await sink.close());
  return summaries;
}

async function writeInstagram(out: string, seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'organic', 'instagram');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'organic/instagram');
  const posts = plannedPosts(rng, 12, ['IG image', 'IG reel', 'IG reel', 'IG carousel'], 17_920_000_000_000_000n, 3800);
  const summaries: FileSummary[] = [];
  for (const ex of exportsOf(posts)) {
    const name = `Instagram_${rangeName(ex.from, ex.to)}.csv`;
    const sink = new FileSink(join(dir, name), `organic/instagram/${name}`, { encoding: 'utf8', bom: true, delimiter: ',', eol: '\n' }, ex.to);
    sink.line(INSTAGRAM_POSTS_HEADER);
    for (const post of ex.posts) {
      const age = ex.exportedOn - post.day;
      const reach = grown(post.reach, age);
      const likes = grown(Math.round(post.reach * 0.055), age);
      sink.row([
        post.id, IG_ACCOUNT_ID, IG_USERNAME, PAGE_NAME, post.topic, post.video ? String(15 + (Number(post.id) % 45)) : '',
        publishTime(post.day, post.minute), `https://www.instagram.com/p/${post.id.slice(-8)}/`, post.type, '', 'Lifetime',
        thousands(Math.round(reach * 1.42)), thousands(reach), thousands(likes), String(grown(Math.round(post.reach * 0.004), age)),
        String(grown(Math.round(post.reach * 0.0018), age)), String(grown(Math.round(post.reach * 0.003), age)),
        String(grown(Math.round(post.reach * 0.009), age)),
      ]);
    }
    summaries.push(await sink.close());
  }
  return summaries;
}

async function writeLinkedInPage(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'organic', 'linkedin');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'organic/linkedin');
  const sponsored = plans.filter((p) => p.campaign.platform === 'linkedin');
  const followers: XlsxCell[][] = [
    ['Aggregated data for new followers of your page. Data is available for the last 365 days; dates are in UTC.'],
    ['Date', 'Sponsored followers', 'Organic followers', 'Total followers'],
  ];
  const metrics: XlsxCell[][] = [
    ['Aggregated data for all updates posted on your page. Sponsored numbers include Sponsored Content only.'],
    ['Date', 'Impressions (organic)', 'Impressions (sponsored)', 'Impressions (total)', 'Unique impressions (organic)', 'Clicks (organic)',
      'Clicks (sponsored)', 'Clicks (total)', 'Reactions (organic)', 'Reactions (sponsored)', 'Reactions (total)', 'Comments (organic)',
      'Comments (sponsored)', 'Comments (total)', 'Shares (organic)', 'Shares (sponsored)', 'Shares (total)', 'Engagement rate (organic)',
      'Engagement rate (sponsored)', 'Engagement rate (total)'],
  ];
  for (let day = DATA_START; day <= DATA_END; day++) {
    const live = sponsored.some((p) => (p.eur[day - DATA_START] ?? 0) > 0);
    const paid = live ? rng.poisson(1.1) : 0;
    const organic = rng.poisson(1.6);
    if (inCut(day)) followers.push([{ date: isoDay(day) }, paid, organic, paid + organic]);
    const io = Math.round(240 * rng.noise(0.35));
    const is = live ? Math.round(900 * rng.noise(0.3)) : 0;
    const co = rng.poisson(io * 0.02);
    const cs = rng.poisson(is * 0.007);
    const ro = rng.poisson(io * 0.015);
    const rs = rng.poisson(is * 0.004);
    const mo = rng.poisson(io * 0.002);
    const so = rng.poisson(io * 0.001);
    const rate = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10_000) / 10_000);
    if (inCut(day)) metrics.push([{ date: isoDay(day) }, io, is, io + is, Math.round(io * 0.7), co, cs, co + cs, ro, rs, ro + rs, mo, 0, mo, so, 0, so,
      rate(co + ro + mo + so, io), rate(cs + rs, is), rate(co + cs + ro + rs + mo + so, io + is)]);
  }
  const demographics = (dimension: string, values: readonly string[]): XlsxCell[][] => [
    [`Follower demographics by ${dimension.toLowerCase()}.`],
    [dimension, 'Total followers'],
    ...values.map((v, i) => [v, Math.round(400 / (i + 1))] as XlsxCell[]),
  ];
  const summaries: FileSummary[] = [];
  const followersName = `${LINKEDIN_PAGE}_followers_${LINKEDIN_STAMP}.xlsx`;
  const followersBook = writeXlsx([
    { name: 'New followers', rows: followers },
    { name: 'Location', rows: demographics('Location', ['Hamburg, Germany', 'Berlin, Germany', 'Munich, Germany', 'Vienna, Austria', 'Zurich, Switzerland']) },
    { name: 'Job function', rows: demographics('Job function', ['Human Resources', 'Administrative', 'Marketing', 'Sales']) },
    { name: 'Company size', rows: demographics('Company size', ['51-200', '201-500', '11-50', '501-1000']) },
  ]);
  await writeFile(join(dir, followersName), followersBook);
  summaries.push({ file: `organic/linkedin/${followersName}`, rows: followers.length - 2, bytes: followersBook.length });

  const posts = plannedPosts(rng, 6, ['Organic', 'Organic', 'Organic', 'Sponsored'], 7_230_000_000_000_000_000n, 900);
  const engagement: XlsxCell[][] = [
    ['Engagement metrics for each update; numbers are lifetime totals as of the download.'],
    ['Update link', 'Update title', 'Update type', 'Campaign name', 'Posted by', 'Created date', 'Campaign start date', 'Campaign end date',
      'Audience', 'Impressions', 'Video views', 'Clicks', 'Click through rate (CTR)', 'Likes', 'Comments', 'Shares', 'Follows', 'Engagement rate'],
  ];
  for (const post of posts) {
    const age = DATA_END + 1 - post.day;
    const impressions = grown(post.reach * 1.3, age);
    const clicks = grown(Math.round(post.reach * 0.035), age);
    const likes = grown(Math.round(post.reach * 0.025), age);
    const comments = grown(Math.round(post.reach * 0.003), age);
    const shares = grown(Math.round(post.reach * 0.002), age);
    const follows = grown(Math.round(post.reach * 0.001), age);
    const isSponsored = post.type === 'Sponsored';
    if (inCut(post.day)) engagement.push([
      `https://www.linkedin.com/feed/update/urn:li:activity:${post.id}`, post.topic, post.type, isSponsored ? 'Firmengeschenke 2025/26' : '',
      'Mara Nordlicht', { date: isoDay(post.day) }, isSponsored ? { date: isoDay(post.day) } : null, isSponsored ? { date: isoDay(post.day + 7) } : null,
      isSponsored ? 'HR DACH' : 'All followers', impressions, post.video ? Math.round(impressions * 0.3) : 0, clicks,
      impressions === 0 ? 0 : Math.round((clicks / impressions) * 10_000) / 10_000, likes, comments, shares, follows,
      impressions === 0 ? 0 : Math.round(((clicks + likes + comments + shares + follows) / impressions) * 10_000) / 10_000,
    ]);
  }
  const updatesName = `${LINKEDIN_PAGE}_updates_${LINKEDIN_STAMP}.xlsx`;
  const updatesBook = writeXlsx([
    { name: 'Update metrics (aggregated)', rows: metrics },
    { name: 'Update engagement', rows: engagement },
  ]);
  await writeFile(join(dir, updatesName), updatesBook);
  summaries.push({ file: `organic/linkedin/${updatesName}`, rows: metrics.length - 2 + engagement.length - 2, bytes: updatesBook.length });
  return summaries;
}

export async function writeOrganic(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  return [...(await writeFacebook(out, seed)), ...(await writeInstagram(out, seed)), ...(await writeLinkedInPage(out, plans, seed))];
}

// `ga4/events_YYYYMMDD.json.gz`: the GA4 BigQuery export of part of the sample's orders,
// as BigQuery writes a daily events table out as newline-delimited JSON (INT64 values as
// strings, nested records as objects, gzip). Built from the files already written, so
// the journeys are the generator's own and no other file changes: for the customers
// drawn (stream `ga4`) among those who ordered in the last month of data, every click
// of theirs in touchpoints.csv from 31 days before that month on is a session (its
// session_start at the click's second, the utm fields in collected_traffic_source and
// session_traffic_source_last_click, a click id on the landing page), and each of their
// orders of the month is a purchase (transaction_id the order's number without `#`,
// purchase_revenue the Subtotal) in the session of a click less than 30 minutes before,
// else in a direct session of its own (no touch). Views are not in GA4 (it sees visits).
// Some purchases come without user_pseudo_id (no consent), and two test purchases have
// no order: the data-quality page lists both.
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse';
import { Rng } from './random.ts';
import { berlinOffsetMs, isoDay, DAY_MS } from './calendar.ts';
import { cutDay } from './sink.ts';
import type { FileSummary } from './sink.ts';

/** The share of last month's customers whose browsing GA4 exports. */
const CUSTOMER_SHARE = 0.3;
/** The share of their purchases sent without consent (no user_pseudo_id). */
const NO_CONSENT_SHARE = 0.04;
const LOOKBACK_MS = 31 * DAY_MS;
const SAME_SESSION_MS = 30 * 60 * 1000;

/** The click id a network's ads put on the landing page, by utm_source. */
const CLICK_IDS: Record<string, string> = {
  facebook: 'fbclid', fb: 'fbclid', instagram: 'fbclid', ig: 'fbclid', Facebook: 'fbclid', Instagram: 'fbclid',
  youtube: 'gclid', tiktok: 'ttclid', linkedin: 'li_fat_id', pinterest: 'epik', snapchat: 'ScCid',
};

interface Order { name: string; email: string; ms: number; subtotal: string; currency: string }
interface Click { ms: number; source: string; medium: string; campaign: string; content: string }
type Event = Record<string, unknown>;

/** Shopify's `2026-11-15 23:51:02 +0100` as UTC milliseconds. */
function shopifyMs(text: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(text);
  if (!m) throw new Error(`not a Shopify time: ${text}`);
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offset = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '-' ? -1 : 1);
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset;
}

const param = (key: string, value: string | number) =>
  ({ key, value: typeof value === 'number' ? { int_value: String(value) } : { string_value: value } });

/** The day of an instant in the property's time zone (Europe/Berlin), as event_date `YYYYMMDD`. */
function eventDate(ms: number): string {
  return new Date(ms + berlinOffsetMs(ms)).toISOString().slice(0, 10).replaceAll('-', '');
}

/** `source`: the folder with the uncut orders.csv and touchpoints.csv (with --as-of, not the output). */
export async function writeGa4(out: string, seed: number, source = out): Promise<FileSummary[]> {
  const rng = new Rng(seed, 'ga4');
  // streamed: at the bench's scales the files are gigabytes, more than one string can hold
  const csvRows = (file: string): AsyncIterable<string[]> => createReadStream(join(source, file)).pipe(parse({ skip_empty_lines: true }));
  // Only the last month's orders are needed, and lastMs is known at the end only: the
  // orders that may still be in it are kept, and the list is pruned as lastMs grows
  // (a year at the bench's scales would not fit in memory). An order's line items
  // (rows of the same Name) carry its time, so a pruned order's items are pruned too.
  let candidates: Order[] = [];
  let seen = new Set<string>();
  let columns: number[] | null = null;
  let lastMs = -Infinity;
  for await (const f of csvRows('orders.csv')) {
    if (columns === null) {
      columns = ['Name', 'Email', 'Created at', 'Subtotal', 'Currency'].map((name) => f.indexOf(name));
      continue;
    }
    const [cName, cEmail, cCreated, cSubtotal, cCurrency] = columns;
    const name = f[cName!] ?? '';
    if (seen.has(name)) continue;
    const order = { name, email: f[cEmail!] ?? '', ms: shopifyMs(f[cCreated!] ?? ''), subtotal: f[cSubtotal!] ?? '0', currency: f[cCurrency!] ?? 'EUR' };
    if (order.ms > lastMs) lastMs = order.ms;
    if (order.ms <= lastMs - 30 * DAY_MS) continue;
    seen.add(name);
    candidates.push(order);
    if (candidates.length >= 500_000 && candidates.length % 500_000 === 0) {
      candidates = candidates.filter((o) => o.ms > lastMs - 30 * DAY_MS);
      seen = new Set(candidates.map((o) => o.name));
    }
  }
  const monthStart = lastMs - 30 * DAY_MS;
  const recent = candidates.filter((o) => o.ms > monthStart);

  // the customers GA4 sees, drawn in the order of their first order of the month
  const chosen = new Map<string, { pseudo: string; orders: Order[]; clicks: Click[] }>();
  const decided = new Set<string>();
  for (const order of recent) {
    if (!decided.has(order.email)) {
      decided.add(order.email);
      if (rng.chance(CUSTOMER_SHARE)) {
        chosen.set(order.email, { pseudo: `${rng.int(100_000_000, 2_147_483_647)}.${rng.int(1_700_000_000, 1_760_000_000)}`, orders: [], clicks: [] });
      }
    }
    chosen.get(order.email)?.orders.push(order);
  }
  let touchpointHeader = true;
  for await (const row of csvRows('touchpoints.csv')) {
    if (touchpointHeader) {
      touchpointHeader = false;
      continue;
    }
    if (row.at(-1) !== 'click') continue;
    const [email = '', at = '', source = '', medium = '', campaign = '', content = ''] = row;
    const customer = chosen.get(email);
    if (!customer) continue;
    const ms = Date.parse(at);
    if (ms < monthStart - LOOKBACK_MS) continue;
    customer.clicks.push({ ms, source, medium, campaign, content });
  }

  const events: Event[] = [];
  const base = (name: string, ms: number, pseudo: string | null, sessionId: number | null, params: object[]): Event => ({
    event_date: eventDate(ms),
    event_timestamp: String(ms * 1000),
    event_name: name,
    event_params: [...(sessionId === null ? [] : [param('ga_session_id', sessionId)]), ...params],
    ...(pseudo === null ? { privacy_info: { analytics_storage: 'No', ads_storage: 'No' } } : { user_pseudo_id: pseudo, privacy_info: { analytics_storage: 'Yes', ads_storage: 'Yes' } }),
    platform: 'WEB',
    stream_id: '4812345678',
    device: { category: 'mobile' },
    geo: { country: 'Germany' },
  });
  for (const [, customer] of chosen) {
    const sessions = customer.clicks.map((click) => {
      const sessionId = Math.floor(click.ms / 1000);
      const clickId = CLICK_IDS[click.source];
      const query = [
        ...(click.campaign ? [`utm_source=${encodeURIComponent(click.source)}`, `utm_medium=${encodeURIComponent(click.medium)}`, `utm_campaign=${encodeURIComponent(click.campaign)}`] : []),
        ...(click.content ? [`utm_content=${encodeURIComponent(click.content)}`] : []),
        ...(clickId ? [`${clickId}=${rng.int(100_000_000, 2_147_483_647).toString(36)}`] : []),
      ];
      const page = `https://nordlicht-naturkosmetik.example/${query.length ? `?${query.join('&')}` : ''}`;
      const lastClick = { manual_campaign: { campaign_name: click.campaign || '(organic)', source: click.source, medium: click.medium, ...(click.content ? { content: click.content } : {}) } };
      const collected = { manual_source: click.source, manual_medium: click.medium, ...(click.campaign ? { manual_campaign_name: click.campaign } : {}), ...(click.content ? { manual_content: click.content } : {}), ...(clickId === 'gclid' ? { gclid: 'redacted' } : {}) };
      events.push({ ...base('session_start', click.ms, customer.pseudo, sessionId, [param('page_location', page)]), collected_traffic_source: collected, session_traffic_source_last_click: lastClick });
      events.push({ ...base('page_view', click.ms + 1000, customer.pseudo, sessionId, [param('page_location', page)]), session_traffic_source_last_click: lastClick });
      return { ms: click.ms, sessionId, lastClick };
    });
    for (const order of customer.orders) {
      const purchaseParams = [param('currency', order.currency), param('transaction_id', order.name.replace(/^#/, ''))];
      const ecommerce = { transaction_id: order.name.replace(/^#/, ''), purchase_revenue: Number(order.subtotal), total_item_quantity: '1', unique_items: '1' };
      if (rng.chance(NO_CONSENT_SHARE)) {
        events.push({ ...base('purchase', order.ms, null, null, purchaseParams), ecommerce });
        continue;
      }
      const open = sessions.filter((s) => s.ms <= order.ms && order.ms - s.ms < SAME_SESSION_MS).at(-1);
      let sessionId = open?.sessionId;
      const lastClick = open?.lastClick ?? { manual_campaign: { campaign_name: '(direct)', source: '(direct)', medium: '(none)' } };
      if (sessionId === undefined) {
        const startMs = order.ms - rng.int(2, 20) * 60_000;
        sessionId = Math.floor(startMs / 1000);
        events.push({ ...base('session_start', startMs, customer.pseudo, sessionId, [param('page_location', 'https://nordlicht-naturkosmetik.example/')]), session_traffic_source_last_click: lastClick });
      }
      events.push({ ...base('purchase', order.ms, customer.pseudo, sessionId, purchaseParams), ecommerce, session_traffic_source_last_click: lastClick });
    }
  }
  // two purchases of the shop's own test orders, which the orders export does not have
  const [tester] = chosen.values();
  for (const [k, ms] of [lastMs - 12 * DAY_MS, lastMs - 3 * DAY_MS].entries()) {
    const id = `TEST-${k + 1}`;
    events.push({ ...base('purchase', ms, tester?.pseudo ?? null, Math.floor(ms / 1000), [param('currency', 'EUR'), param('transaction_id', id)]), ecommerce: { transaction_id: id, purchase_revenue: 1 } });
  }

  events.sort((a, b) => Number(a.event_timestamp) - Number(b.event_timestamp) || String(a.event_name).localeCompare(String(b.event_name)));
  const byDay = new Map<string, Event[]>();
  for (const e of events) {
    const day = String(e.event_date);
    const list = byDay.get(day);
    if (list) list.push(e);
    else byDay.set(day, [e]);
  }
  const summaries: FileSummary[] = [];
  // --as-of: only the daily tables up to the cut
  const cut = cutDay();
  const lastDate = cut === null ? '99999999' : isoDay(cut).replaceAll('-', '');
  for (const [day, dayEvents] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
    if (day > lastDate) continue;
    await mkdir(join(out, 'ga4'), { recursive: true });
    const file = `ga4/events_${day}.json.gz`;
    const buffer = gzipSync(Buffer.from(dayEvents.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8'), { level: 9 });
    await writeFile(join(out, file), buffer);
    summaries.push({ file, rows: dayEvents.length, bytes: buffer.length });
  }
  return summaries;
}

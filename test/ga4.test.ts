// The GA4 BigQuery export as the journey source (issue 17, point 1): the tiny
// fixture's orders with a ga4/ folder of events_* tables in the three shapes
// BigQuery writes (NDJSON, NDJSON gzip, Parquet). Hand-computed expectations:
//   O1 (3,000.00): GA4's last-click record (facebook, meta_sale_oct) overrides the
//      session's collected_traffic_source (youtube, yt_brand_autumn): meta_sale,
//      where touchpoints.csv alone gave yt_brand.
//   O2 (650.00 less 50.00 refunded): transaction `#O2`; a gclid session whose
//      Google Ads campaign is `YT Brand Autumn`: yt_brand (touchpoints.csv: li_b2b).
//      Its later direct session (`(direct)` / `(none)`) is no touch.
//   O7 (60.00, 2026-10-31 23:30 UTC = 1 November 00:30 in Berlin): a session that
//      starts 23:50 on 31 October in Berlin and buys after midnight; the touch is
//      dated 31 October, the order November: meta_retarget (order utm: meta_sale).
//   O5: no GA4 purchase, keeps touchpoints.csv: meta_sale.
//   O9: bought without user_pseudo_id: not observable, stays unattributed.
//   X999 (42.50 EUR): a GA4 purchase no order has: listed, not revenue.
import { readFileSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/ingest/index.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { copyFixture, projectRoot } from './helpers/cli.ts';
import { pseudonymIn } from './helpers/pseudonym.ts';
import { warehouseFrom } from './helpers/warehouse.ts';

const FIXTURE = join(projectRoot, 'test/fixtures/ga4-tiny');

/** The tiny fixture with the GA4 export: two JSON files as committed, the Parquet file written here with DuckDB's COPY. */
async function ga4DataFolder(): Promise<string> {
  const dataDir = await copyFixture('tiny');
  await cp(join(FIXTURE, 'ga4'), join(dataDir, 'ga4'), { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const source = join(FIXTURE, 'parquet-source/events_20261031.json').replaceAll("'", "''");
  const target = join(dataDir, 'ga4/events_20261031.parquet').replaceAll("'", "''");
  await connection.run(`copy (select * from read_json('${source}', format = 'newline_delimited')) to '${target}' (format parquet)`);
  connection.closeSync();
  instance.closeSync();
  return dataDir;
}


describe('GA4 BigQuery export as the journey source', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await warehouseFrom(await ga4DataFolder());
  }, 120_000);
  afterAll(() => warehouse?.close());

  it('loads every event of the three files, with the file and line it came from', async () => {
    expect(
      await warehouse.rows('select source_file, count(*)::integer as events, min(source_line)::integer as first, max(source_line)::integer as last from raw_ga4_events group by all order by source_file'),
    ).toEqual([
      { source_file: 'ga4/events_20261005.json', events: 5, first: 1, last: 5 },
      { source_file: 'ga4/events_20261010.json.gz', events: 3, first: 1, last: 3 },
      { source_file: 'ga4/events_20261031.parquet', events: 7, first: 1, last: 7 },
    ]);
    expect(
      await warehouse.rows("select path, kind, format, rows_loaded::integer as rows from raw_input_files where kind = 'ga4' order by path"),
    ).toEqual([
      { path: 'ga4/events_20261005.json', kind: 'ga4', format: 'ga4_json', rows: 5 },
      { path: 'ga4/events_20261010.json.gz', kind: 'ga4', format: 'ga4_json', rows: 3 },
      { path: 'ga4/events_20261031.parquet', kind: 'ga4', format: 'ga4_parquet', rows: 7 },
    ]);
  });

  it('derives one touch per session: manual_campaign over collected_traffic_source, click ids to their platform, direct sessions no touch', async () => {
    const sessions = await warehouse.rows<Record<string, unknown>>(
      `select strftime(timezone('Europe/Berlin', session_started_at), '%Y-%m-%d %H:%M') as started, events::integer as events, traffic_origin,
              utm_source, utm_medium, utm_campaign_as_sent as campaign, utm_content, click_platform, is_touch
       from int_ga4_sessions order by session_started_at`,
    );
    expect(sessions).toEqual([
      { started: '2026-09-28 10:00', events: 2, traffic_origin: 'last_click', utm_source: 'linkedin', utm_medium: 'paid_social', campaign: 'li_b2b_q4', utm_content: null, click_platform: 'linkedin', is_touch: true },
      { started: '2026-10-05 11:40', events: 3, traffic_origin: 'last_click', utm_source: 'facebook', utm_medium: 'paid_social', campaign: 'meta_sale_oct', utm_content: 'ad_2', click_platform: null, is_touch: true },
      { started: '2026-10-08 09:30', events: 1, traffic_origin: 'google_ads_campaign', utm_source: 'google', utm_medium: 'cpc', campaign: 'YT Brand Autumn', utm_content: null, click_platform: 'google_ads', is_touch: true },
      { started: '2026-10-10 11:50', events: 2, traffic_origin: null, utm_source: null, utm_medium: null, campaign: null, utm_content: null, click_platform: null, is_touch: false },
      { started: '2026-10-20 14:00', events: 2, traffic_origin: 'event_params', utm_source: 'facebook', utm_medium: 'paid_social', campaign: 'meta_sale_oct', utm_content: null, click_platform: null, is_touch: true },
      // starts before midnight in Berlin, ends after it: the touch belongs to 31 October
      { started: '2026-10-31 23:50', events: 3, traffic_origin: 'event_params', utm_source: 'instagram', utm_medium: 'paid_social', campaign: 'meta_retarget_cart', utm_content: null, click_platform: 'meta', is_touch: true },
    ]);
  });

  it('names a browser by user_id where the site knows it, only as a keyed hash', async () => {
    const pseudonym = await pseudonymIn(warehouse);
    const browsers = await warehouse.rows<{ user_pseudo_key: string; browser_id: string }>('select user_pseudo_key::varchar as user_pseudo_key, browser_id::varchar as browser_id from int_ga4_browsers order by browser_id');
    expect(browsers).toHaveLength(4);
    expect(browsers.map((b) => b.browser_id)).toContain(pseudonym('tiny-cust-02'));
    expect(browsers.map((b) => b.user_pseudo_key)).toContain(pseudonym('1001.1'));
    const raw = JSON.stringify(await warehouse.rows('select * exclude (event_timestamp, ga_session_id) replace (user_key::varchar as user_key, user_pseudo_key::varchar as user_pseudo_key) from raw_ga4_events'));
    for (const clear of ['1001.1', 'tiny-cust-02', 'Cj0KCQ-test', 'IwAR-test', 'tiny.example']) expect(raw).not.toContain(clear);
  });

  it('links purchases to orders by transaction id (`#O2` is order O2), once per transaction', async () => {
    expect(
      await warehouse.rows(
        `select transaction_id, purchase_revenue::double as revenue, int_ga4_purchases.currency, purchase_events::integer as events, orders.order_id, is_linked
         from int_ga4_purchases left join int_orders_net as orders using (order_key) order by transaction_id`,
      ),
    ).toEqual([
      { transaction_id: '#O2', revenue: 650, currency: 'EUR', events: 1, order_id: 'O2', is_linked: true },
      { transaction_id: 'O1', revenue: 3000, currency: 'EUR', events: 2, order_id: 'O1', is_linked: true },
      { transaction_id: 'O7', revenue: 60, currency: 'EUR', events: 1, order_id: 'O7', is_linked: true },
      { transaction_id: 'O9', revenue: 70, currency: 'EUR', events: 1, order_id: 'O9', is_linked: false },
      { transaction_id: 'X999', revenue: 42.5, currency: 'EUR', events: 1, order_id: null, is_linked: false },
    ]);
  });

  it('credits an order with a GA4 purchase along its GA4 journey, every other order as before', async () => {
    const lastTouch = await warehouse.rows(
      `select order_id, order_month as month, campaign, round(sum(revenue_credit), 2)::double as revenue
       from int_attribution_credits
       where model = 'last_touch'
       group by all order by order_id`,
    );
    expect(lastTouch).toEqual([
      { order_id: 'O1', month: '2026-10', campaign: 'meta_sale', revenue: 3000 },
      { order_id: 'O2', month: '2026-10', campaign: 'yt_brand', revenue: 600 },
      { order_id: 'O5', month: '2026-10', campaign: 'meta_sale', revenue: expect.any(Number) },
      { order_id: 'O6', month: '2026-10', campaign: 'infl_anna', revenue: 120 },
      { order_id: 'O7', month: '2026-11', campaign: 'meta_retarget', revenue: 60 },
      { order_id: 'O8', month: '2026-10', campaign: 'unmapped', revenue: 45 },
      { order_id: 'O9', month: '2026-10', campaign: 'unattributed', revenue: 70 },
      { order_id: 'S1', month: '2026-09', campaign: 'meta_sale', revenue: 200 },
    ]);
  });

  it('lists a GA4 purchase without an order, and events without user_pseudo_id, on the data-quality mart', async () => {
    expect(
      await warehouse.rows("select month, measure, subject, value, detail from data_quality where measure like 'ga4%' order by measure, month"),
    ).toEqual([
      { month: '2026-10', measure: 'ga4_events_not_observable', subject: null, value: 2, detail: null },
      { month: '2026-10', measure: 'ga4_orders_linked', subject: null, value: 2, detail: null },
      { month: '2026-11', measure: 'ga4_orders_linked', subject: null, value: 1, detail: null },
      { month: '2026-10', measure: 'ga4_purchases_not_observable', subject: null, value: 1, detail: null },
      { month: '2026-10', measure: 'ga4_purchases_without_order', subject: 'X999', value: 42.5, detail: 'EUR' },
    ]);
    // never revenue: the month's credited revenue is the orders' net revenue
    const [total] = await warehouse.rows<{ credited: number; net: number }>(
      `select (select round(sum(revenue), 2) from attribution where model = 'last_touch' and month = '2026-10')::double as credited,
              (select round(sum(net_revenue), 2) from int_orders_net where order_month = '2026-10')::double as net`,
    );
    expect(total!.credited).toBe(total!.net);
  });
});

describe('a GA4 file that cannot be read stops the run', () => {
  const failure = async (name: string, text: string | Buffer) => {
    const dataDir = await copyFixture('tiny');
    await mkdir(join(dataDir, 'ga4'), { recursive: true });
    await writeFile(join(dataDir, 'ga4', name), text);
    return warehouseFrom(dataDir).then(
      (w) => {
        w.close();
        return null;
      },
      (error: Error) => error.message,
    );
  };
  const good = readFileSync(join(FIXTURE, 'ga4/events_20261005.json'), 'utf8').split('\n')[0];

  it('a line that is not JSON: file, line, expected, found', async () => {
    expect(await failure('events_20261101.json', `${good}\n{"event_name": "page_view", oops}\n`)).toBe(
      'ga4/events_20261101.json: line 2: expected one event as a JSON object per line, found malformed JSON',
    );
  }, 60_000);

  it('an event_timestamp that is not an integer: file, line, column, expected, found', async () => {
    expect(await failure('events_20261101.json', `${good}\n${good}\n{"event_name": "page_view", "event_timestamp": "soon"}\n`)).toBe(
      'ga4/events_20261101.json: line 3, column "event_timestamp": expected microseconds since 1970 UTC, an integer, found soon',
    );
  }, 60_000);

  it('a Parquet file that is not Parquet: file and what the reader says', async () => {
    expect(await failure('events_20261101.parquet', 'not parquet at all')).toMatch(/^ga4\/events_20261101\.parquet: cannot be read as Parquet: /);
  }, 60_000);

  it('an empty file (a failed download) loads no event and says so, never silently', async () => {
    const dataDir = await copyFixture('tiny');
    await mkdir(join(dataDir, 'ga4'), { recursive: true });
    await writeFile(join(dataDir, 'ga4', 'events_20261101.json'), '');
    const warehouse = await openWarehouse(join(dataDir, '..', 'empty-ga4.duckdb'));
    try {
      const { warnings } = await ingest(warehouse, dataDir);
      expect(warnings.map(String)).toContainEqual(
        expect.stringMatching(/^ga4\/events_20261101\.json: no event in it \(an empty or failed download\?\): the journeys of its days are missing/),
      );
    } finally {
      warehouse.close();
    }
  }, 60_000);

  it('a file that is no GA4 export file', async () => {
    expect(await failure('notes.txt', 'hello')).toContain('ga4/notes.txt: not a GA4 BigQuery export file');
  }, 60_000);
});

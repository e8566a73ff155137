// The GA4 BigQuery export (`ga4/` of a data folder): the `events_YYYYMMDD` tables
// as BigQuery writes them out, newline-delimited JSON (gzip or not) or Parquet,
// read with DuckDB's own readers (read_json_objects, read_parquet). The layout is
// Google's "BigQuery Export schema" (docs/formats.md, "GA4 BigQuery export").
//
// One raw row per event, with only what the journeys need: the time, the event,
// the session, the traffic source fields of the three places GA4 keeps them
// (event_params, collected_traffic_source, session_traffic_source_last_click),
// the names (never the values) of the landing page's query parameters, where
// click ids such as gclid and fbclid stand, and a purchase's transaction id,
// revenue and currency. user_id and user_pseudo_id enter the warehouse only as
// keyed hashes (pseudonym.ts); page URLs, referrers, geo and device fields are
// not read. Which session source wins, what a click id means and how a purchase
// finds its order are rules of the SQL (queries/staging/stg_ga4__events.sql,
// queries/intermediate/int_ga4_sessions.sql, int_ga4_purchases.sql).
//
// Every line is an event: a line that is not a JSON object, an event without
// event_name, an event_timestamp that is not an integer or a purchase revenue
// that is not a number stops the run, naming file, line, column, what was
// expected and what was found. Nothing is left out: events without
// user_pseudo_id (no consent) are loaded and counted as journeys not observable.
import { inputError } from '../errors.ts';
import { sqlString, type Warehouse } from '../warehouse.ts';
import { customerKeySql } from './pseudonym.ts';
import type { LoadResult } from './own-files.ts';

export const GA4_FOLDER = 'ga4';

const JSON_NAME = /\.(json|jsonl|ndjson)(\.gz)?$/i;
const PARQUET_NAME = /\.parquet$/i;

/** The reader of a file under ga4/, by its name; null: not a GA4 export file. */
export function ga4Format(path: string): 'ga4_json' | 'ga4_parquet' | null {
  if (JSON_NAME.test(path)) return 'ga4_json';
  if (PARQUET_NAME.test(path)) return 'ga4_parquet';
  return null;
}

export function unknownGa4File(path: string) {
  return inputError(
    `${path}: not a GA4 BigQuery export file; ga4/ holds the events_YYYYMMDD tables as BigQuery writes them out: newline-delimited JSON (.json, .jsonl, .ndjson, each also .gz) or Parquet (.parquet)`,
  );
}

/**
 * The fields read, as json_transform's structure: BigQuery writes INT64 as a JSON
 * string, which the transform reads as the number it holds.
 */
const CAMPAIGN = '{"campaign_name":"VARCHAR","source":"VARCHAR","medium":"VARCHAR","term":"VARCHAR","content":"VARCHAR"}';
const STRUCTURE = `{
  "event_date": "VARCHAR",
  "event_timestamp": "BIGINT",
  "event_name": "VARCHAR",
  "user_id": "VARCHAR",
  "user_pseudo_id": "VARCHAR",
  "event_params": [{"key": "VARCHAR", "value": {"string_value": "VARCHAR", "int_value": "BIGINT", "float_value": "DOUBLE", "double_value": "DOUBLE"}}],
  "collected_traffic_source": {"manual_campaign_name": "VARCHAR", "manual_source": "VARCHAR", "manual_medium": "VARCHAR", "manual_term": "VARCHAR", "manual_content": "VARCHAR", "gclid": "VARCHAR", "dclid": "VARCHAR"},
  "session_traffic_source_last_click": {"manual_campaign": ${CAMPAIGN}, "google_ads_campaign": {"campaign_name": "VARCHAR"}},
  "ecommerce": {"transaction_id": "VARCHAR", "purchase_revenue": "DECIMAL(18,4)"}
}`.replace(/\s+/g, ' ');

/** An event_params value as text, whichever of its typed fields holds it. */
const param = (key: string) =>
  `(list_filter(e.event_params, p -> p.key = ${sqlString(key)})[1]).value`;
const paramText = (key: string) => {
  const v = param(key);
  return `nullif(trim(coalesce(${v}.string_value, cast(${v}.int_value as varchar), cast(coalesce(${v}.double_value, ${v}.float_value) as varchar))), '')`;
};
const text = (expr: string) => `nullif(trim(${expr}), '')`;

export async function loadGa4Events(warehouse: Warehouse, absolute: string, display: string, format: 'ga4_json' | 'ga4_parquet'): Promise<LoadResult> {
  const stage = '_ga4_stage';
  const reader =
    format === 'ga4_json'
      ? `select row_number() over () as _line, json from read_json_objects(${sqlString(absolute)}, format = 'newline_delimited', ignore_errors = true)`
      : `select row_number() over () as _line, to_json(p) as json from read_parquet(${sqlString(absolute)}) as p`;
  try {
    await warehouse.run(`create or replace temp table ${stage} as ${reader}`);
  } catch (error) {
    throw inputError(`${display}: cannot be read as ${format === 'ga4_json' ? 'newline-delimited JSON' : 'Parquet'}: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    await checkEvents(warehouse, stage, display, format === 'ga4_json' ? 'line' : 'row');
    const rows = await warehouse.rows<{ n: bigint | number }>(`select count(*) as n from ${stage}`);
    await warehouse.run(
      `insert into raw_ga4_events
       with parsed as (
           select _line, json_transform(json, ${sqlString(STRUCTURE)}) as e from ${stage}
       ),
       fields as (
           select
               _line,
               e,
               ${param('page_location')}.string_value as page_location,
           from parsed
       )
       select
           $file,
           _line,
           e.event_date,
           e.event_timestamp,
           e.event_name,
           ${customerKeySql('e.user_id')},
           ${customerKeySql('e.user_pseudo_id')},
           ${param('ga_session_id')}.int_value,
           ${paramText('source')}, ${paramText('medium')}, ${paramText('campaign')}, ${paramText('content')}, ${paramText('term')},
           ${text('e.collected_traffic_source.manual_source')}, ${text('e.collected_traffic_source.manual_medium')},
           ${text('e.collected_traffic_source.manual_campaign_name')}, ${text('e.collected_traffic_source.manual_content')},
           ${text('e.collected_traffic_source.manual_term')},
           ${text('e.session_traffic_source_last_click.manual_campaign.source')}, ${text('e.session_traffic_source_last_click.manual_campaign.medium')},
           ${text('e.session_traffic_source_last_click.manual_campaign.campaign_name')}, ${text('e.session_traffic_source_last_click.manual_campaign.content')},
           ${text('e.session_traffic_source_last_click.manual_campaign.term')},
           ${text('e.session_traffic_source_last_click.google_ads_campaign.campaign_name')},
           -- the names of click-id carriers: the landing page's query parameters (names only, never their values)
           -- and the click ids GA4 keeps in collected_traffic_source and event_params
           nullif(array_to_string(list_sort(list_distinct(list_concat(
               list_transform(regexp_extract_all(coalesce(page_location, ''), '[?&]([^=&#]+)=', 1), n -> lower(n)),
               case when e.collected_traffic_source.gclid is not null or ${param('gclid')}.string_value is not null then ['gclid'] else [] end,
               case when e.collected_traffic_source.dclid is not null or ${param('dclid')}.string_value is not null then ['dclid'] else [] end
           ))), ','), ''),
           ${text('e.ecommerce.transaction_id')},
           e.ecommerce.purchase_revenue,
           upper(${paramText('currency')}),
       from fields
       order by _line`,
      { file: display },
    );
    return { rows: Number(rows[0]?.n ?? 0), rejected: 0, skipped: 0 };
  } finally {
    await warehouse.run(`drop table if exists ${stage}`);
  }
}

/** Stops at the first event that cannot be read, with file, line, column, expected and found. */
async function checkEvents(warehouse: Warehouse, stage: string, display: string, unit: 'line' | 'row'): Promise<void> {
  const bad = await warehouse.rows<{ _line: bigint | number; column_name: string | null; expected: string; found: string | null }>(
    `with checked as (
         select
             _line,
             json,
             json_extract_string(json, '$.event_timestamp') as ts,
             json_extract_string(json, '$.event_name') as event_name,
             json_extract_string(json, '$.ecommerce.purchase_revenue') as revenue,
         from ${stage}
     )
     select _line, column_name, expected, found from (
         select _line, null as column_name, 'one event as a JSON object per line' as expected, 'malformed JSON' as found
         from checked where json is null
         union all
         select _line, null, 'one event as a JSON object per line', 'a JSON ' || lower(json_type(json))
         from checked where json is not null and json_type(json) <> 'OBJECT'
         union all
         select _line, 'event_timestamp', 'microseconds since 1970 UTC, an integer', coalesce(ts, '(empty)')
         from checked where json is not null and json_type(json) = 'OBJECT' and (ts is null or not regexp_full_match(ts, '-?[0-9]+'))
         union all
         select _line, 'event_name', 'the name of the event', '(empty)'
         from checked where json is not null and json_type(json) = 'OBJECT' and nullif(trim(event_name), '') is null
         union all
         select _line, 'ecommerce.purchase_revenue', 'a number', revenue
         from checked where json is not null and json_type(json) = 'OBJECT' and revenue is not null and try_cast(revenue as decimal(18, 4)) is null
     )
     order by _line
     limit 1`,
  );
  const first = bad[0];
  if (!first) return;
  const where = `${unit} ${Number(first._line)}${first.column_name ? `, column "${first.column_name}"` : ''}`;
  throw inputError(`${display}: ${where}: expected ${first.expected}, found ${first.found}`);
}

// The raw layer: what ingest writes and queries/staging reads. Column order
// matters: appenders write rows in this order. Every table but
// raw_report_settings holds rows of input files, tagged with source_file, and
// persists between runs: ingest replaces a file's rows only when the file
// changed (see index.ts).

// A platform row names its file, format and account first and its figures last; a
// daily row (raw_ad_daily) is dated between them, a period row (raw_ad_periods) spanned.
const AD_ROW_SOURCE = `
    source_file varchar not null,
    source_line integer not null,
    format varchar not null,
    platform varchar not null,
    account varchar,
    currency varchar,`;

const AD_ROW_MEASURES = `
    campaign_id varchar,
    campaign_name varchar,
    ad_set_id varchar,
    ad_set_name varchar,
    ad_id varchar,
    ad_name varchar,
    impressions bigint,
    reach bigint,
    clicks bigint,
    link_clicks bigint,
    engagements bigint,
    video_views bigint,
    spend decimal(18, 4),
    conversions decimal(18, 4),
    conversion_value decimal(18, 4),
    followers_gained bigint,
    engagement_definition varchar,
    placement varchar,
    source_sheet varchar,
    messaging_conversations bigint,
    new_messaging_contacts bigint,
    result_indicator varchar,
    objective varchar`;

export const RAW_TABLES = {
  raw_input_files: `
    path varchar not null,
    kind varchar not null,
    format varchar,
    platform varchar,
    sha256 varchar not null,
    bytes bigint not null,
    encoding varchar,
    rows_loaded integer not null,
    rows_rejected integer not null,
    rows_skipped integer not null,
    loader varchar,
    period_rows integer,
    status varchar`,
  raw_rejected_rows: `
    source_file varchar not null,
    source_line integer,
    column_name varchar,
    reason varchar not null,
    raw_value varchar,
    source_sheet varchar`,
  raw_ad_daily: `${AD_ROW_SOURCE}
    report_date date not null,${AD_ROW_MEASURES}`,
  raw_ad_periods: `${AD_ROW_SOURCE}
    period_start date,
    period_end date,${AD_ROW_MEASURES}`,
  raw_organic_posts: `
    source_file varchar not null,
    source_line integer not null,
    format varchar not null,
    platform varchar not null,
    account varchar,
    account_id varchar,
    post_id varchar not null,
    published_at timestamptz not null,
    post_type varchar,
    post_title varchar,
    permalink varchar,
    impressions bigint,
    reach bigint,
    engagements bigint,
    likes bigint,
    comments bigint,
    shares bigint,
    saves bigint,
    video_views bigint,
    clicks bigint,
    link_clicks bigint,
    followers_gained bigint,
    engagement_definition varchar,
    source_sheet varchar`,
  raw_organic_daily: `
    source_file varchar not null,
    source_line integer not null,
    format varchar not null,
    platform varchar not null,
    account varchar,
    metric_date date not null,
    metric varchar not null,
    value decimal(18, 4) not null,
    source_sheet varchar,
    item varchar`,
  raw_ingest_notes: `
    source_file varchar not null,
    severity varchar not null,
    message varchar not null`,
  raw_orders: `
    source_file varchar not null,
    source_line integer not null,
    order_id varchar not null,
    ordered_at timestamptz not null,
    customer_id uhugeint,
    revenue decimal(18, 4) not null,
    currency varchar,
    status varchar not null,
    refunded_amount decimal(18, 4),
    coupon_code varchar,
    utm_source varchar,
    utm_medium varchar,
    utm_campaign varchar,
    utm_content varchar`,
  raw_touchpoints: `
    source_file varchar not null,
    source_line integer not null,
    customer_id uhugeint not null,
    occurred_at timestamptz not null,
    utm_source varchar,
    utm_medium varchar,
    utm_campaign varchar,
    utm_content varchar,
    interaction varchar not null`,
  // One row per event of the GA4 BigQuery export (ingest/ga4.ts): user ids as keyed hashes,
  // the traffic fields of event_params (param_), collected_traffic_source (collected_) and
  // session_traffic_source_last_click (last_click_), click-id carriers by name.
  raw_ga4_events: `
    source_file varchar not null,
    source_line integer not null,
    event_date varchar,
    event_timestamp bigint not null,
    event_name varchar not null,
    user_key uhugeint,
    user_pseudo_key uhugeint,
    ga_session_id bigint,
    param_source varchar,
    param_medium varchar,
    param_campaign varchar,
    param_content varchar,
    param_term varchar,
    collected_source varchar,
    collected_medium varchar,
    collected_campaign varchar,
    collected_content varchar,
    collected_term varchar,
    last_click_source varchar,
    last_click_medium varchar,
    last_click_campaign varchar,
    last_click_content varchar,
    last_click_term varchar,
    last_click_google_ads_campaign varchar,
    click_id_params varchar,
    transaction_id varchar,
    purchase_revenue decimal(18, 4),
    currency varchar`,
  raw_costs: `
    source_file varchar not null,
    source_line integer not null,
    cost_month varchar,
    cost_date date,
    campaign varchar not null,
    category varchar not null,
    amount decimal(18, 4) not null,
    currency varchar,
    note varchar`,
  raw_campaigns: `
    source_file varchar not null,
    source_line integer not null,
    campaign varchar not null,
    name varchar not null,
    channel varchar not null,
    funnel_stage varchar,
    influencer varchar,
    coupon_code varchar,
    match varchar,
    gross_margin decimal(9, 4)`,
  raw_experiments: `
    source_file varchar not null,
    source_line integer not null,
    experiment_id varchar not null,
    campaign varchar,
    channel varchar,
    start_date date not null,
    end_date date not null,
    metric varchar not null,
    estimate decimal(18, 4) not null,
    standard_error decimal(18, 4),
    ci_low decimal(18, 4),
    ci_high decimal(18, 4),
    ci_level decimal(9, 4),
    source varchar,
    note varchar`,
  raw_fx_rates: `
    source_file varchar not null,
    source_line integer not null,
    rate_date date not null,
    currency varchar not null,
    rate decimal(18, 6) not null`,
  raw_report_settings: `
    title varchar,
    currency varchar not null,
    timezone varchar not null,
    locale varchar not null,
    gross_margin decimal(9, 4) not null,
    attribution_model varchar not null,
    lookback_days integer not null,
    lookback_basis varchar not null,
    time_decay_half_life_days double not null,
    count_views boolean not null,
    path_transform varchar not null,
    period_rows varchar not null`,
  raw_published_snapshots: `
    month varchar not null,
    published_at varchar not null,
    model varchar not null,
    campaign varchar not null,
    metric varchar not null,
    value double`,
} as const;

export type RawTable = keyof typeof RAW_TABLES;

/** Tables rewritten on every run rather than kept per input file. */
export const PER_RUN_TABLES: readonly RawTable[] = ['raw_report_settings', 'raw_published_snapshots'];

/** Tables whose rows belong to one input file each (by source_file). */
export const FILE_TABLES = (Object.keys(RAW_TABLES) as RawTable[]).filter((t) => !PER_RUN_TABLES.includes(t) && t !== 'raw_input_files');

export function rawTableDdl(): string {
  return Object.entries(RAW_TABLES)
    .map(([name, columns]) => `create or replace table ${name} (${columns});`)
    .join('\n');
}

/** Column names and types of a raw table as DuckDB's `describe` gives them. */
export function expectedColumns(table: RawTable): { name: string; type: string }[] {
  return RAW_TABLES[table]
    .split(',\n')
    .map((line) => line.trim().replace(/\s+not null$/, ''))
    .filter((line) => line !== '')
    .map((line) => {
      const [name = '', ...type] = line.split(/\s+/);
      const plain = type.join(' ').toUpperCase().replace(/\s+/g, '');
      return { name, type: plain === 'TIMESTAMPTZ' ? 'TIMESTAMPWITHTIMEZONE' : plain };
    });
}

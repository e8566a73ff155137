// Loaders for the files of our own layout (DESIGN.md, input folder contract).
// Each checks its columns, rejects bad rows with line and reason, and inserts
// the rest into its raw table with the values trimmed and typed.
import type { Warehouse } from '../warehouse.ts';
import { columnOrNull, csvColumns, customerKeySql, dropStage, loadOwnCsv, readStage, stageOwnCsv, timestampSql, type ColumnRule, type Stage } from './own-csv.ts';

export interface LoadResult {
  rows: number;
  rejected: number;
  skipped: number;
}

const text = (name: string, required = false): ColumnRule => ({ name, required, check: { kind: 'text' } });

/** `paid` counts in full, `partially_refunded` less its refund; `pending` (not paid yet), `refunded` and `cancelled` do not count. */
export const ORDER_STATUSES = ['paid', 'partially_refunded', 'refunded', 'cancelled', 'pending'] as const;

const ORDER_COLUMNS: readonly ColumnRule[] = [
  text('order_id', true),
  { name: 'ordered_at', required: true, check: { kind: 'timestamp' } },
  text('customer_id'),
  { name: 'revenue', required: true, check: { kind: 'decimal' } },
  { name: 'currency', required: false, check: { kind: 'currency' } },
  { name: 'status', required: true, check: { kind: 'oneOf', values: ORDER_STATUSES } },
  { name: 'refunded_amount', required: false, check: { kind: 'decimal' } },
  text('coupon_code'),
  text('utm_source'),
  text('utm_medium'),
  text('utm_campaign'),
  text('utm_content'),
];

/**
 * Reads orders.csv into a temp table before the file's transaction begins (own-csv.ts,
 * readStage: line numbers then come with the parallel read); null for a Shopify export.
 */
export async function prepareOrders(warehouse: Warehouse, path: string, display: string): Promise<Stage | null> {
  if (isShopifyExport(await csvColumns(path))) return null;
  return readStage(warehouse, { path, display, columns: ORDER_COLUMNS });
}

export async function loadOrders(warehouse: Warehouse, path: string, display: string, prepared?: Stage | null): Promise<LoadResult> {
  if (!prepared && isShopifyExport(await csvColumns(path))) return loadShopifyOrders(warehouse, path, display);
  // Personal columns (emails, names, addresses) are never read into the warehouse.
  const loaded = await loadOwnCsv(
    warehouse,
    { path, display, columns: ORDER_COLUMNS },
    'raw_orders',
    (c) => `$file, _line, trim(order_id), ${timestampSql('ordered_at')}, ${customerKeySql(c('customer_id'))},
            cast(trim(revenue) as decimal(18, 4)), upper(trim(${c('currency')})), lower(trim(status)),
            cast(trim(${c('refunded_amount')}) as decimal(18, 4)), nullif(trim(${c('coupon_code')}), ''),
            nullif(trim(${c('utm_source')}), ''), nullif(trim(${c('utm_medium')}), ''),
            nullif(trim(${c('utm_campaign')}), ''), nullif(trim(${c('utm_content')}), '')`,
    prepared,
  );
  return { ...loaded, skipped: 0 };
}

const SHOPIFY_COLUMNS = ['name', 'financial status', 'created at', 'subtotal'];

export function isShopifyExport(columns: string[]): boolean {
  return SHOPIFY_COLUMNS.every((c) => columns.includes(c));
}

/** Shopify's `Financial Status` as our order status; anything not yet paid is `pending`. */
const SHOPIFY_STATUS = `case lower(trim("financial status"))
  when 'paid' then 'paid'
  when 'partially_refunded' then 'partially_refunded'
  when 'refunded' then 'refunded'
  when 'voided' then 'cancelled'
  else 'pending'
end`;

/**
 * Shopify's orders export (Admin → Orders → Export): one row per line item,
 * the order's fields on its first row only. Revenue is `Subtotal` (after
 * discounts, before shipping and taxes); `Cancelled at` makes an order
 * cancelled; the customer key is the SHA-256 of `Email` (the export has no
 * customer id, and no address is kept). The export carries no utm fields:
 * journeys come from touchpoints.csv (keyed by the same address, or its hash)
 * and influencer orders from `Discount Code`.
 */
export async function loadShopifyOrders(warehouse: Warehouse, path: string, display: string): Promise<LoadResult> {
  const staged = await stageOwnCsv(warehouse, {
    path,
    display,
    columns: [
      text('name', true),
      { name: 'created at', required: false, check: { kind: 'timestamp' } },
      { name: 'financial status', required: false, check: { kind: 'oneOf', values: ['paid', 'partially_refunded', 'refunded', 'voided', 'pending', 'authorized', 'partially_paid', 'expired'] } },
      { name: 'subtotal', required: false, check: { kind: 'decimal' } },
      { name: 'currency', required: false, check: { kind: 'currency' } },
      { name: 'refunded amount', required: false, check: { kind: 'decimal' } },
      text('discount code'),
      text('email'),
      text('cancelled at'),
    ],
  });
  const c = (name: string) => columnOrNull(staged, name);
  // Line-item rows after an order's first row carry no order fields.
  const firstRows = `"created at" is not null`;
  await warehouse.run(
    `insert into raw_rejected_rows (source_file, source_line, column_name, reason, raw_value)
     select $file, _line, 'subtotal', 'the order''s first row has no Subtotal', null
     from ${staged.table} where ${firstRows} and subtotal is null order by _line`,
    { file: display },
  );
  await warehouse.run(
    `insert into raw_orders
     select $file, _line, trim(name), ${timestampSql('"created at"')}, ${customerKeySql(c('email'))},
            cast(trim(subtotal) as decimal(18, 4)), upper(trim(${c('currency')})),
            case when nullif(trim(${c('cancelled at')}), '') is not null then 'cancelled' else ${SHOPIFY_STATUS} end,
            cast(trim(${c('refunded amount')}) as decimal(18, 4)), nullif(trim(${c('discount code')}), ''),
            null, null, null, null
     from ${staged.table} where ${firstRows} and subtotal is not null order by _line`,
    { file: display },
  );
  const [counts] = await warehouse.rows<{ orders: number; missing: number; items: number }>(
    `select count(*) filter (where ${firstRows} and subtotal is not null)::integer as orders,
            count(*) filter (where ${firstRows} and subtotal is null)::integer as missing,
            count(*) filter (where not (${firstRows}))::integer as items
     from ${staged.table}`,
  );
  await dropStage(warehouse, staged);
  return { rows: counts?.orders ?? 0, rejected: staged.rejected + (counts?.missing ?? 0), skipped: counts?.items ?? 0 };
}

const TOUCHPOINT_COLUMNS: readonly ColumnRule[] = [
  text('customer_id', true),
  { name: 'occurred_at', required: true, check: { kind: 'timestamp' } },
  text('utm_source'),
  text('utm_medium'),
  text('utm_campaign'),
  text('utm_content'),
  { name: 'interaction', required: true, check: { kind: 'oneOf', values: ['click', 'view'] } },
];

/** Reads touchpoints.csv into a temp table before the file's transaction begins (see prepareOrders). */
export async function prepareTouchpoints(warehouse: Warehouse, path: string, display: string): Promise<Stage | null> {
  return readStage(warehouse, { path, display, columns: TOUCHPOINT_COLUMNS });
}

export async function loadTouchpoints(warehouse: Warehouse, path: string, display: string, prepared?: Stage | null): Promise<LoadResult> {
  const loaded = await loadOwnCsv(
    warehouse,
    { path, display, columns: TOUCHPOINT_COLUMNS },
    'raw_touchpoints',
    (c) => `$file, _line, ${customerKeySql('customer_id')}, ${timestampSql('occurred_at')},
            nullif(trim(${c('utm_source')}), ''), nullif(trim(${c('utm_medium')}), ''),
            nullif(trim(${c('utm_campaign')}), ''), nullif(trim(${c('utm_content')}), ''), lower(trim(interaction))`,
    prepared,
  );
  return { ...loaded, skipped: 0 };
}

export const COST_CATEGORIES = ['agency', 'production', 'influencer', 'tools', 'staff', 'other'] as const;

export async function loadCosts(warehouse: Warehouse, path: string, display: string): Promise<LoadResult> {
  const staged = await stageOwnCsv(warehouse, {
    path,
    display,
    columns: [
      { name: 'month', required: false, check: { kind: 'month' } },
      { name: 'date', required: false, check: { kind: 'date' } },
      text('campaign', true),
      { name: 'category', required: true, check: { kind: 'oneOf', values: COST_CATEGORIES } },
      { name: 'amount', required: true, check: { kind: 'decimal' } },
      { name: 'currency', required: false, check: { kind: 'currency' } },
      text('note'),
    ],
    oneOfColumns: [['month', 'date']],
  });
  const c = (name: string) => columnOrNull(staged, name);
  // A row needs exactly one of month and date.
  await warehouse.run(
    `insert into raw_rejected_rows (source_file, source_line, column_name, reason, raw_value)
     select $file, _line, 'month', case when ${c('month')} is null then 'has neither a month nor a date' else 'has both a month and a date; give one' end,
            coalesce(${c('month')}, '') || '|' || coalesce(${c('date')}, '')
     from ${staged.table} where (${c('month')} is null) = (${c('date')} is null) order by _line`,
    { file: display },
  );
  const badPeriod = await warehouse.rows<{ n: number }>(
    `select count(*)::integer as n from ${staged.table} where (${c('month')} is null) = (${c('date')} is null)`,
  );
  await warehouse.run(
    `insert into raw_costs
     select $file, _line, trim(${c('month')}), cast(trim(${c('date')}) as date), trim(campaign), lower(trim(category)),
            cast(trim(amount) as decimal(18, 4)), upper(trim(${c('currency')})), nullif(trim(${c('note')}), '')
     from ${staged.table} where (${c('month')} is null) <> (${c('date')} is null) order by _line`,
    { file: display },
  );
  const rejectedPeriod = badPeriod[0]?.n ?? 0;
  await dropStage(warehouse, staged);
  return { rows: staged.rows - rejectedPeriod, rejected: staged.rejected + rejectedPeriod, skipped: 0 };
}

export const FUNNEL_STAGES = ['awareness', 'consideration', 'conversion'] as const;

export async function loadCampaigns(warehouse: Warehouse, path: string, display: string): Promise<LoadResult> {
  const staged = await stageOwnCsv(warehouse, {
    path,
    display,
    columns: [
      text('campaign', true),
      text('name', true),
      text('channel', true),
      { name: 'funnel_stage', required: false, check: { kind: 'oneOf', values: FUNNEL_STAGES } },
      text('influencer'),
      text('coupon_code'),
      text('match'),
      { name: 'gross_margin', required: false, check: { kind: 'decimal' } },
    ],
  });
  const c = (name: string) => columnOrNull(staged, name);
  await warehouse.run(
    `insert into raw_campaigns
     select $file, _line, trim(campaign), trim(name), trim(channel), lower(trim(${c('funnel_stage')})),
            nullif(trim(${c('influencer')}), ''), nullif(trim(${c('coupon_code')}), ''), nullif(trim(${c('match')}), ''),
            cast(trim(${c('gross_margin')}) as decimal(9, 4))
     from ${staged.table} order by _line`,
    { file: display },
  );
  await dropStage(warehouse, staged);
  return { rows: staged.rows, rejected: staged.rejected, skipped: 0 };
}

/**
 * Exchange rates, in the ECB's wide layout (`Date,USD,JPY,…,` with `N/A` and a
 * trailing comma; units of currency per 1 EUR) or long as `date,currency,rate`.
 */
export async function loadFxRates(warehouse: Warehouse, path: string, display: string): Promise<LoadResult> {
  const long = await stageOwnCsv(warehouse, { path, display, columns: [{ name: 'date', required: true, check: { kind: 'date' } }] });
  let rows = 0;
  if (long.present.has('currency') && long.present.has('rate')) {
    await warehouse.run(
      `insert into raw_rejected_rows (source_file, source_line, column_name, reason, raw_value)
       select $file, _line, 'rate', 'expected a positive number like 1.0834, found "' || coalesce(rate, '') || '"', rate
       from ${long.table} where coalesce(try_cast(trim(rate) as decimal(18, 6)), 0) <= 0 order by _line`,
      { file: display },
    );
    await warehouse.run(
      `insert into raw_fx_rates
       select $file, _line, cast(trim(date) as date), upper(trim(currency)), cast(trim(rate) as decimal(18, 6))
       from ${long.table} where coalesce(try_cast(trim(rate) as decimal(18, 6)), 0) > 0 order by _line`,
      { file: display },
    );
  } else {
    const currencyColumns = [...long.present].filter((name) => /^[a-z]{3}$/.test(name));
    if (currencyColumns.length) {
      const cells = `unpivot (select _line, date, ${currencyColumns.map((n) => `"${n}"`).join(', ')} from ${long.table})
                     on ${currencyColumns.map((n) => `"${n}"`).join(', ')} into name currency value rate`;
      await warehouse.run(
        `insert into raw_rejected_rows (source_file, source_line, column_name, reason, raw_value)
         select $file, _line, upper(currency), 'expected a positive number like 1.0834 or N/A, found "' || rate || '"', rate
         from (${cells}) where upper(trim(rate)) not in ('N/A', '') and coalesce(try_cast(trim(rate) as decimal(18, 6)), 0) <= 0
         order by _line, currency`,
        { file: display },
      );
      await warehouse.run(
        `insert into raw_fx_rates
         select $file, _line, cast(trim(date) as date), upper(currency), cast(trim(rate) as decimal(18, 6))
         from (${cells}) where coalesce(try_cast(trim(rate) as decimal(18, 6)), 0) > 0
         order by _line, currency`,
        { file: display },
      );
    }
  }
  rows = long.rows;
  await dropStage(warehouse, long);
  return { rows, rejected: long.rejected, skipped: 0 };
}

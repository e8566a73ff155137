// Loaders for the files of our own layout (DESIGN.md, input folder contract).
// Each checks its columns, rejects bad rows with line and reason, and inserts
// the rest into its raw table with the values trimmed and typed.
import { sqlString, type Warehouse } from '../warehouse.ts';
import {
  columnOrNull, csvColumns, dropStage, loadOwnCsv, readStage, stageOwnCsv, timestampSql, type ColumnRule, type OwnCsvSpec, type ReadStraight, type RejectedMoney, type Stage,
} from './own-csv.ts';
import { customerKeySql } from './pseudonym.ts';

export interface LoadResult {
  rows: number;
  rejected: number;
  skipped: number;
  /** What the rejected rows held (own-csv.ts rejectedMoney), for the report's notice. */
  rejectedMoney?: RejectedMoney[];
  /** orders.csv and touchpoints.csv: whether the file was read straight (own-csv.ts ReadStraight), which their append-aware load needs. */
  straight?: ReadStraight;
}

const text = (name: string, required = false): ColumnRule => ({ name, required, check: { kind: 'text' } });

/** `paid` counts in full, `partially_refunded` less its refund; `pending` (not paid yet), `refunded` and `cancelled` do not count. */
export const ORDER_STATUSES = ['paid', 'partially_refunded', 'refunded', 'cancelled', 'pending'] as const;

const ORDER_COLUMNS: readonly ColumnRule[] = [
  text('order_id', true),
  { name: 'ordered_at', required: true, check: { kind: 'timestamp' } },
  text('customer_id'),
  {
    name: 'revenue',
    required: true,
    check: { kind: 'decimal', negative: "an order's revenue is 0 or more; money returned is its refunded_amount, an order called off is status cancelled" },
  },
  { name: 'currency', required: false, check: { kind: 'currency' } },
  { name: 'status', required: true, check: { kind: 'oneOf', values: ORDER_STATUSES } },
  { name: 'refunded_amount', required: false, check: { kind: 'decimal', negative: 'a refund is written as the positive amount given back' } },
  text('coupon_code'),
  text('utm_source'),
  text('utm_medium'),
  text('utm_campaign'),
  text('utm_content'),
];

const orderSpec = (path: string, display: string): OwnCsvSpec => ({
  path,
  display,
  columns: ORDER_COLUMNS,
  rowChecks: [
    {
      column: 'refunded_amount',
      failure: ({ amount }) => `${amount('refunded_amount')} > ${amount('revenue')}`,
      reason: "is larger than the order's revenue: a refund gives back at most what the order brought; correct the refund or the revenue",
    },
  ],
  money: { amount: 'revenue', currency: 'currency' },
});

/**
 * Reads orders.csv, in our layout or Shopify's, into a temp table before the file's
 * transaction begins (own-csv.ts, readStage: line numbers then come with the parallel
 * read; inside the transaction they cost a second pass, 1.1 s of 5.3 s for the 805,000
 * lines of the bench's scale-10 Shopify export).
 */
export async function prepareOrders(warehouse: Warehouse, path: string, display: string, lineBase = 0): Promise<Stage | null> {
  if (isShopifyExport(await csvColumns(path))) return readStage(warehouse, shopifySpec(path, display), { lineBase });
  return readStage(warehouse, orderSpec(path, display), { numbers: false, lineBase });
}

/**
 * Whether the lines added to a Shopify export since the last run (appended, or on top)
 * name an order the file already had (an order's line items split across the two parts):
 * the file's rows are then not its old rows plus the new part's, and the whole file is
 * read again. Orders of our layout are rows of their own, whatever their ids.
 */
export async function addedOrdersContinueLoaded(warehouse: Warehouse, part: Stage, display: string): Promise<boolean> {
  if (!isShopifyExport([...part.present])) return false;
  const [row] = await warehouse.rows<{ n: number }>(
    `select count(*)::integer as n from raw_orders where source_file = $file and order_id in (select trim(name) from ${part.view})`,
    { file: display },
  );
  return (row?.n ?? 0) > 0;
}

export async function loadOrders(warehouse: Warehouse, path: string, display: string, prepared?: Stage | null): Promise<LoadResult> {
  if (prepared ? isShopifyExport([...prepared.present]) : isShopifyExport(await csvColumns(path))) return loadShopifyOrders(warehouse, path, display, prepared);
  // Personal columns (emails, names, addresses) are never read into the warehouse.
  const loaded = await loadOwnCsv(
    warehouse,
    orderSpec(path, display),
    'raw_orders',
    (c, amount) => `$file, _line, trim(order_id), ${timestampSql('ordered_at')}, ${customerKeySql(c('customer_id'))},
            ${amount('revenue')}, upper(trim(${c('currency')})), lower(trim(status)),
            ${c('refunded_amount') === 'null' ? 'null' : amount('refunded_amount')}, nullif(trim(${c('coupon_code')}), ''),
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
 * Shopify's orders export (Admin → Orders → Export): one row per line item. The
 * order's fields stand on its first row; genuine exports repeat `Name`, `Email`
 * and `Created at` on every further line-item row (../shared/exports/samples/
 * genuine/shopify/), so an order is its `Name` and its first row is the Name's
 * lowest line. Later rows are line items (counted as skipped, not rejected),
 * unless they contradict the first row (another Subtotal, Total, Financial Status,
 * Currency, Email or Created at): then two orders share a Name, which is rejected.
 *
 * Revenue basis, one for every order (README, "Rules worth knowing"): net of tax,
 * after discounts, before shipping. Shopify's `Subtotal` is the line items after
 * discounts, before shipping, duties, taxes and tips, and it excludes taxes unless
 * the order is a taxes-included order (Shopify Storefront/Admin API docs of the
 * Order's subtotal: "Taxes aren't included unless the order is a taxes-included
 * order"; the export has no taxes-included column). `Total` is what the customer
 * paid: Subtotal + Shipping + Taxes (+ tips, duties) on a tax-exclusive order,
 * Subtotal + Shipping on a taxes-included one, so an order whose Total is below
 * Subtotal + Shipping + Taxes is taken as taxes-included, and its Subtotal is
 * brought to the basis by the order's non-tax share (Total - Taxes) / Total.
 * `Refunded Amount` is the money returned, taxes (and any refunded shipping)
 * included: the genuine USD export's partial refund of #1009 is 10.60 = 10.00 of
 * goods + 6% Michigan tax, of an order with Subtotal 35.00, Shipping 4.90, Taxes
 * 2.39 (6% of both), Total 42.29. A refund is therefore taken out of tax the same
 * way, times (Total - Taxes) / Total (10.60 x 39.90 / 42.29 = 10.00), and capped
 * at the order's revenue, since the goods are refunded before shipping: a full
 * refund of a taxed order (Subtotal 74.80, Taxes 7.30, Refunded Amount 82.10)
 * leaves 0. raw_orders.refunded_amount is written on the revenue's basis here,
 * so int_orders_net subtracts it as it does for orders.csv, at no cost per order.
 *
 * `Cancelled at` makes an order cancelled; the customer key is the keyed hash
 * of `Email` (pseudonym.ts; the export has no customer id, and no address is
 * kept, nor shown in a message: two addresses under one Name are told apart by
 * the first digits of their pseudonyms). The export carries no utm fields:
 * journeys come from touchpoints.csv (keyed by the same address) and
 * influencer orders from `Discount Code`.
 */
const shopifySpec = (path: string, display: string): OwnCsvSpec => ({
  path,
  display,
  columns: [
    text('name', true),
    { name: 'created at', required: false, check: { kind: 'timestamp' } },
    { name: 'financial status', required: false, check: { kind: 'oneOf', values: ['paid', 'partially_refunded', 'refunded', 'voided', 'pending', 'authorized', 'partially_paid', 'expired'] } },
    { name: 'subtotal', required: false, check: { kind: 'decimal', negative: "an order's Subtotal is 0 or more" } },
    { name: 'shipping', required: false, check: { kind: 'decimal', negative: 'Shipping is 0 or more' } },
    { name: 'taxes', required: false, check: { kind: 'decimal', negative: 'Taxes are 0 or more' } },
    { name: 'total', required: false, check: { kind: 'decimal', negative: "an order's Total is 0 or more" } },
    { name: 'currency', required: false, check: { kind: 'currency' } },
    { name: 'refunded amount', required: false, check: { kind: 'decimal', negative: 'a refund is written as the positive amount given back' } },
    text('discount code'),
    text('email'),
    text('cancelled at'),
  ],
  money: { amount: 'subtotal', currency: 'currency' },
});

/** Loads a Shopify export (see shopifySpec) read by prepareOrders, or reads it here when not. */
export async function loadShopifyOrders(warehouse: Warehouse, path: string, display: string, prepared?: Stage | null): Promise<LoadResult> {
  const staged = await stageOwnCsv(warehouse, shopifySpec(path, display), { keepRejected: true, prepared });
  const c = (name: string) => columnOrNull(staged, name);
  const amount = (name: string) => (staged.present.has(name) ? staged.amount(name) : 'null::decimal(18, 4)');
  // The order-level values a line-item row may repeat but not contradict, as [column, comparable value, shown text of value v].
  const orderLevel: [string, string, ((v: string) => string)?][] = [
    ['subtotal', amount('subtotal')],
    ['total', amount('total')],
    ['financial status', `nullif(lower(trim(${c('financial status')})), '')`],
    ['currency', `nullif(upper(trim(${c('currency')})), '')`],
    // the pseudonym's first hexadecimal digits (hex(): DuckDB 1.5 writes a UHUGEINT in decimal 500 times slower)
    ['email', customerKeySql(c('email')), (v) => `'address ' || left(lower(hex(${v})), 8)`],
    ['created at', timestampSql(c('created at'))],
  ];
  const customerAt = orderLevel.findIndex(([name]) => name === 'email');
  const rows = `${staged.base}_orders`;
  const rejected = staged.rejectedTable ? `(select _line from ${staged.rejectedTable})` : '(select null::bigint as _line where false)';
  await warehouse.run(
    `create or replace temp table ${rows} as
     with lines as (
         select
             s._line,
             trim(s.name) as order_name,
             s._line in ${rejected} as rejected,
             min(s._line) over (partition by trim(s.name)) as first_line,
             ${orderLevel.map(([, value, shown], i) => `${value} as v${i}, ${shown ? shown(`v${i}`) : `cast(v${i} as varchar)`} as t${i}`).join(',\n             ')},
             -- the rest of the order's fields, so that nothing below reads the staged rows again
             s.name, ${c('financial status')} as "financial status", ${c('cancelled at')} as cancelled_text,
             ${c('discount code')} as coupon_text, ${amount('refunded amount')} as refunded, ${amount('taxes')} as taxes, ${amount('shipping')} as shipping
         from ${staged.table} as s
     ),
     firsts as (
         select order_name, rejected as first_rejected, ${orderLevel.map((_, i) => `v${i} as f${i}, t${i} as ft${i}`).join(', ')}
         from lines
         where _line = first_line
     )
     select
         lines._line,
         lines.rejected,
         lines._line = lines.first_line as is_first,
         lines.first_line,
         lines.v0 as subtotal, lines.v1 as total, lines.v3 as currency, lines.v5 as ordered_at, lines.name, lines.v${customerAt} as customer_pseudonym, lines."financial status",
         lines.cancelled_text, lines.coupon_text, lines.refunded, lines.taxes, lines.shipping,
         case
             when lines._line = lines.first_line or lines.rejected or firsts.first_rejected then null
             ${orderLevel.map(([name], i) => `when lines.v${i} is not null and firsts.f${i} is distinct from lines.v${i}
                 then ${sqlString(name)} || '|' || coalesce(firsts.ft${i}, '(empty)') || '|' || lines.t${i}`).join('\n             ')}
         end as conflict
     from lines
     join firsts using (order_name)`,
  );
  const firstRows = `${rows}.is_first and not ${rows}.rejected`;
  await warehouse.run(
    `insert into raw_rejected_rows (source_file, source_line, column_name, reason, raw_value)
     select $file, _line, column_name, reason, raw_value from (
         select _line, 'subtotal' as column_name, 'is empty on the order''s first row; expected the order''s Subtotal, like 49.90' as reason, null as raw_value
         from ${rows}
         where ${firstRows} and subtotal is null
         union all
         select _line, 'created at', 'is empty on the order''s first row; expected a date and time like 2026-10-03 14:22:05 +0200', null
         from ${rows}
         where ${firstRows} and subtotal is not null and ordered_at is null
         union all
         select _line, split_part(conflict, '|', 1),
                'another order with the same Name: the order''s first row (line ' || first_line || ') has '
                    || split_part(conflict, '|', 2) || ', found "' || split_part(conflict, '|', 3) || '"',
                split_part(conflict, '|', 3)
         from ${rows}
         where conflict is not null
     )
     order by _line`,
    { file: display },
  );
  // Revenue and refund on one basis: see the comment above.
  await warehouse.run(
    `insert into raw_orders
     select $file, _line, trim(name), ordered_at, customer_pseudonym,
            revenue, currency,
            case when nullif(trim(cancelled_text), '') is not null then 'cancelled' else ${SHOPIFY_STATUS} end,
            cast(case when refunded is not null then least(revenue, round(refunded * net_share, 2)) end as decimal(18, 4)), nullif(trim(coupon_text), ''),
            null, null, null, null
     from (
         select ${rows}.*,
                coalesce(total, 0) as total_amount,
                coalesce(taxes, 0) as tax_amount,
                case when total_amount > 0 and tax_amount > 0 then (total_amount - tax_amount) / total_amount else 1 end as net_share,
                cast(case
                    when tax_amount > 0 and total_amount < subtotal + coalesce(shipping, 0) + tax_amount
                        then round(subtotal * net_share, 2)
                    else subtotal
                end as decimal(18, 4)) as revenue
         from ${rows}
         where ${firstRows}
     )
     where subtotal is not null and ordered_at is not null
     order by _line`,
    { file: display },
  );
  const [counts] = await warehouse.rows<{ orders: number; incomplete: number; conflicts: number; items: number }>(
    `select count(*) filter (where ${firstRows} and subtotal is not null and ordered_at is not null)::integer as orders,
            count(*) filter (where ${firstRows} and (subtotal is null or ordered_at is null))::integer as incomplete,
            count(*) filter (where conflict is not null)::integer as conflicts,
            count(*) filter (where not is_first and not rejected and conflict is null)::integer as items
     from ${rows}`,
  );
  // what the orders rejected here (a first row without Subtotal or date, a second order under one Name) held
  const more = await warehouse.rows<RejectedMoney>(
    `select currency, sum(subtotal)::varchar as amount, count(*)::integer as rows, count(*) filter (where subtotal is null)::integer as unreadable
     from ${rows}
     where (${firstRows} and (subtotal is null or ordered_at is null)) or conflict is not null
     group by all`,
  );
  await warehouse.run(`drop table if exists ${rows}`);
  await dropStage(warehouse, staged);
  return {
    rows: counts?.orders ?? 0,
    rejected: staged.rejected + (counts?.incomplete ?? 0) + (counts?.conflicts ?? 0),
    skipped: counts?.items ?? 0,
    rejectedMoney: addMoney(staged.rejectedMoney, more),
    straight: staged.straight,
  };
}

/** Two lists of rejected money added up per currency, exactly (amounts have at most 4 decimals). */
function addMoney(a: readonly RejectedMoney[], b: readonly RejectedMoney[]): RejectedMoney[] {
  const scaled = (text: string) => {
    const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
    const n = BigInt(whole) * 10_000n + BigInt((fraction + '0000').slice(0, 4));
    return text.startsWith('-') ? -n : n;
  };
  const text = (n: bigint) => {
    const abs = n < 0n ? -n : n;
    const fraction = String(abs % 10_000n).padStart(4, '0').replace(/0+$/, '');
    return `${n < 0n ? '-' : ''}${abs / 10_000n}${fraction ? `.${fraction}` : ''}`;
  };
  const sums = new Map<string | null, { amount: bigint | null; rows: number; unreadable: number }>();
  for (const m of [...a, ...b]) {
    const sum = sums.get(m.currency) ?? { amount: null, rows: 0, unreadable: 0 };
    if (m.amount !== null) sum.amount = (sum.amount ?? 0n) + scaled(m.amount);
    sum.rows += m.rows;
    sum.unreadable += m.unreadable;
    sums.set(m.currency, sum);
  }
  return [...sums].map(([currency, s]) => ({ currency, amount: s.amount === null ? null : text(s.amount), rows: s.rows, unreadable: s.unreadable }));
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

/**
 * Reads touchpoints.csv into a temp table before the file's transaction begins (see prepareOrders).
 * `lineBase`: the records before the file's first one (the lines appended since the last run, read
 * on their own below the header, index.ts appendedPart), so their lines continue the file's.
 */
export async function prepareTouchpoints(warehouse: Warehouse, path: string, display: string, lineBase = 0): Promise<Stage | null> {
  return readStage(warehouse, { path, display, columns: TOUCHPOINT_COLUMNS }, { numbers: false, lineBase });
}

/** Whether touchpoints.csv has a column read as a number (then loadOwnCsv may reload the file's rows, which an appended part must not do). */
export const TOUCHPOINTS_HAVE_NUMBERS = TOUCHPOINT_COLUMNS.some((c) => c.check.kind === 'decimal');

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
      {
        name: 'amount',
        required: true,
        // A credit note is not a cost of its own: booked as one, it would turn a campaign's cost negative in a month.
        check: { kind: 'decimal', negative: 'a credit note is not a cost row; lower the amount of the cost it corrects (same month or date, campaign and category)' },
      },
      { name: 'currency', required: false, check: { kind: 'currency' } },
      text('note'),
    ],
    oneOfColumns: [['month', 'date']],
    // A row needs exactly one of month and date.
    rowChecks: [
      { column: 'month', failure: ({ c }) => `${c('month')} is null and ${c('date')} is null`, reason: 'has neither a month nor a date' },
      { column: 'month', failure: ({ c }) => `${c('month')} is not null and ${c('date')} is not null`, reason: 'has both a month and a date; give one' },
    ],
    money: { amount: 'amount', currency: 'currency' },
  });
  const c = (name: string) => columnOrNull(staged, name);
  await warehouse.run(
    `insert into raw_costs
     select $file, _line, trim(${c('month')}), cast(trim(${c('date')}) as date), trim(campaign), lower(trim(category)),
            ${staged.amount('amount')}, upper(trim(${c('currency')})), nullif(trim(${c('note')}), '')
     from ${staged.table} order by _line`,
    { file: display },
  );
  await dropStage(warehouse, staged);
  return { rows: staged.rows, rejected: staged.rejected, skipped: 0, rejectedMoney: staged.rejectedMoney };
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
            ${staged.present.has('gross_margin') ? staged.amount('gross_margin', 'decimal(9, 4)') : 'null'}
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
  const long = await stageOwnCsv(warehouse, {
    path,
    display,
    columns: [{ name: 'date', required: true, check: { kind: 'date' } }],
    numberColumns: (headers) => headers.filter((name) => name === 'rate' || /^[a-z]{3}$/.test(name)),
  });
  const rate = (name: string) => long.amount(name, 'decimal(18, 6)');
  let rows = 0;
  if (long.present.has('currency') && long.present.has('rate')) {
    await warehouse.run(
      `insert into raw_rejected_rows (source_file, source_line, column_name, reason, raw_value)
       select $file, _line, 'rate', 'expected a positive number like 1.0834, found "' || coalesce(rate, '') || '"', rate
       from ${long.table} where coalesce(${rate('rate')}, 0) <= 0 order by _line`,
      { file: display },
    );
    await warehouse.run(
      `insert into raw_fx_rates
       select $file, _line, cast(trim(date) as date), upper(trim(currency)), ${rate('rate')}
       from ${long.table} where coalesce(${rate('rate')}, 0) > 0 order by _line`,
      { file: display },
    );
  } else {
    const currencyColumns = [...long.present].filter((name) => /^[a-z]{3}$/.test(name));
    if (currencyColumns.length) {
      // each currency's cell as written (for the message) and as a number
      const cells = `unpivot (select _line, date, ${currencyColumns.map((n) => `"${n}" as "${n}_text", ${rate(n)} as "${n}_number"`).join(', ')} from ${long.table})
                     on ${currencyColumns.map((n) => `("${n}_text", "${n}_number") as "${n}"`).join(', ')} into name currency value rate, number`;
      await warehouse.run(
        `insert into raw_rejected_rows (source_file, source_line, column_name, reason, raw_value)
         select $file, _line, upper(currency), 'expected a positive number like 1.0834 or N/A, found "' || rate || '"', rate
         from (${cells}) where upper(trim(rate)) not in ('N/A', '') and coalesce(number, 0) <= 0
         order by _line, currency`,
        { file: display },
      );
      await warehouse.run(
        `insert into raw_fx_rates
         select $file, _line, cast(trim(date) as date), upper(currency), number
         from (${cells}) where coalesce(number, 0) > 0
         order by _line, currency`,
        { file: display },
      );
    }
  }
  rows = long.rows;
  await dropStage(warehouse, long);
  return { rows, rejected: long.rejected, skipped: 0 };
}

/** What an experiment measured: incremental conversions, incremental revenue, or incremental ROAS (revenue per unit of media spend). */
export const EXPERIMENT_METRICS = ['conversions', 'revenue', 'iroas'] as const;

/**
 * experiments.csv (optional): lift tests and geo experiments as marketing teams receive
 * them, one row per result: a campaign key or a channel of campaigns.csv, the test's
 * days, what it measured (`metric`) and its `estimate`, with its uncertainty as a
 * `standard_error` or as an interval `ci_low`, `ci_high` at `ci_level` (0.9 for the 90 %
 * interval GeoLift prints and Google's Conversion Lift reports as p90 bounds), or
 * neither. The rules that need the other files (a campaign or channel campaigns.csv
 * knows, each experiment_id once) are data tests (queries/tests/experiments_*.sql).
 */
export async function loadExperiments(warehouse: Warehouse, path: string, display: string): Promise<LoadResult> {
  const date = (c: (name: string) => string, name: string) => `try_cast(trim(${c(name)}) as date)`;
  const staged = await stageOwnCsv(warehouse, {
    path,
    display,
    columns: [
      text('experiment_id', true),
      text('campaign'),
      text('channel'),
      { name: 'start_date', required: true, check: { kind: 'date' } },
      { name: 'end_date', required: true, check: { kind: 'date' } },
      { name: 'metric', required: true, check: { kind: 'oneOf', values: EXPERIMENT_METRICS } },
      // a lift can be negative: the ads cost conversions
      { name: 'estimate', required: true, check: { kind: 'decimal' } },
      { name: 'standard_error', required: false, check: { kind: 'decimal', negative: 'a standard error is 0 or more' } },
      { name: 'ci_low', required: false, check: { kind: 'decimal' } },
      { name: 'ci_high', required: false, check: { kind: 'decimal' } },
      { name: 'ci_level', required: false, check: { kind: 'decimal', negative: "an interval's level is a share between 0 and 1, like 0.9" } },
      text('source'),
      text('note'),
    ],
    oneOfColumns: [['campaign', 'channel']],
    rowChecks: [
      {
        column: 'campaign',
        failure: ({ c }) => `nullif(trim(${c('campaign')}), '') is null and nullif(trim(${c('channel')}), '') is null`,
        reason: 'has neither a campaign nor a channel; expected a campaign key or a channel of campaigns.csv',
      },
      {
        column: 'campaign',
        failure: ({ c }) => `nullif(trim(${c('campaign')}), '') is not null and nullif(trim(${c('channel')}), '') is not null`,
        reason: 'has both a campaign and a channel; expected one of them (a channel experiment leaves campaign empty)',
        found: ({ c }) => `${c('campaign')} || '" and channel "' || ${c('channel')}`,
      },
      {
        column: 'end_date',
        failure: ({ c }) => `${date(c, 'end_date')} < ${date(c, 'start_date')}`,
        reason: 'is before start_date; expected the last day of the experiment, on or after its first',
        found: ({ c }) => `${c('end_date')} || '" before start_date "' || ${c('start_date')}`,
      },
      {
        column: 'standard_error',
        failure: ({ c }) => `${c('standard_error')} is not null and (${c('ci_low')} is not null or ${c('ci_high')} is not null)`,
        reason: 'is given beside an interval (ci_low, ci_high); expected either a standard error or an interval, not both',
        found: ({ c }) => c('standard_error'),
      },
      {
        column: 'ci_low',
        failure: ({ c }) => `(${c('ci_low')} is null) <> (${c('ci_high')} is null)`,
        reason: 'an interval needs both ends; expected ci_low and ci_high',
        found: ({ c }) => `coalesce(${c('ci_low')}, '') || ' – ' || coalesce(${c('ci_high')}, '')`,
      },
      {
        column: 'ci_level',
        failure: ({ c }) => `${c('ci_low')} is not null and ${c('ci_high')} is not null and ${c('ci_level')} is null`,
        reason: "is empty; expected the interval's level, like 0.9 for a 90 % interval",
      },
      {
        column: 'ci_level',
        failure: ({ amount }) => `not (${amount('ci_level')} > 0 and ${amount('ci_level')} < 1)`,
        reason: "expected the interval's level as a share between 0 and 1, like 0.9 for a 90 % interval",
        found: ({ c }) => c('ci_level'),
      },
      {
        column: 'ci_low',
        failure: ({ amount }) => `${amount('ci_low')} > ${amount('estimate')} or ${amount('ci_high')} < ${amount('estimate')}`,
        reason: 'the interval does not hold the estimate; expected ci_low ≤ estimate ≤ ci_high',
        found: ({ c }) => `${c('ci_low')} || ' – ' || ${c('ci_high')} || '" around "' || ${c('estimate')}`,
      },
    ],
  });
  const c = (name: string) => columnOrNull(staged, name);
  const amount = (name: string, type = 'decimal(18, 4)') => (staged.present.has(name) ? staged.amount(name, type) : `null::${type}`);
  await warehouse.run(
    `insert into raw_experiments
     select $file, _line, trim(experiment_id), nullif(trim(${c('campaign')}), ''), nullif(trim(${c('channel')}), ''),
            cast(trim(start_date) as date), cast(trim(end_date) as date), lower(trim(metric)),
            ${amount('estimate')}, ${amount('standard_error')}, ${amount('ci_low')}, ${amount('ci_high')}, ${amount('ci_level', 'decimal(9, 4)')},
            nullif(trim(${c('source')}), ''), nullif(trim(${c('note')}), '')
     from ${staged.table} order by _line`,
    { file: display },
  );
  await dropStage(warehouse, staged);
  return { rows: staged.rows, rejected: staged.rejected, skipped: 0 };
}

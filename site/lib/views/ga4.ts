// The GA4 section of the data-quality page: how many orders take their journey
// from the GA4 export, the events whose journeys are not observable (sent without
// user_pseudo_id), and the GA4 purchases no order has (listed, never revenue).
// The figures are the data_quality mart's ga4_* measures (queries/marts/data_quality.sql).

import type { Report } from '../report.ts';
import type { TableModel } from '../table.ts';
import { ga4Messages, type Ga4Messages } from '../i18n-ga4.ts';
import { csvPath, DATA_QUALITY_PATH } from '../routes.ts';

export interface Ga4View {
  /** False: the run had no GA4 export (the page shows no section). */
  present: boolean;
  words: Ga4Messages;
  /** Sentences, formatted. */
  linked: string;
  notObservable: string;
  notObservableEvents: number;
  withoutOrder: TableModel;
}

export const GA4_MEASURES = ['ga4_events_not_observable', 'ga4_purchases_not_observable', 'ga4_purchases_without_order', 'ga4_orders_linked'];

export function ga4View(report: Report): Ga4View {
  const { fmt, data, manifest } = report;
  const w = ga4Messages(manifest.settings.locale);
  const rows = data.datasets.data_quality.filter((r) => GA4_MEASURES.includes(r.measure));
  const total = (measure: string) => rows.filter((r) => r.measure === measure).reduce((s, r) => s + (r.value ?? 0), 0);
  const hasGa4 = manifest.inputs.some((i) => i.kind === 'ga4');
  const events = total('ga4_events_not_observable');
  const withoutOrder = rows
    .filter((r) => r.measure === 'ga4_purchases_without_order')
    .sort((a, b) => (b.month ?? '').localeCompare(a.month ?? '') || (a.subject ?? '').localeCompare(b.subject ?? ''));
  return {
    present: hasGa4 || rows.length > 0,
    words: w,
    linked: w.linked(fmt.integer(total('ga4_orders_linked'))),
    notObservable: events > 0 ? w.notObservable(fmt.integer(events), fmt.integer(total('ga4_purchases_not_observable'))) : w.allObservable,
    notObservableEvents: events,
    withoutOrder: {
      id: 'ga4-purchases-without-order',
      caption: w.withoutOrderCaption,
      columns: [
        { key: 'month', label: w.col.month, kind: 'month' },
        { key: 'transaction_id', label: w.col.transaction_id, kind: 'code' },
        { key: 'revenue', label: w.col.revenue, kind: 'number' },
        { key: 'currency', label: w.col.currency, kind: 'text' },
      ],
      rows: withoutOrder.map((r) => ({ cells: { month: r.month, transaction_id: r.subject, revenue: r.value, currency: r.detail } })),
      csv: csvPath(DATA_QUALITY_PATH, 'ga4-purchases-without-order'),
      datasets: ['data_quality'],
      notes: [w.withoutOrderNote],
      empty: w.withoutOrderNone,
    },
  };
}

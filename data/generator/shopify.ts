// orders.csv as Shopify's Admin orders export (Admin -> Orders -> Export) writes it: one row per
// line item; the order's fields on its first row; every further line-item row repeats Name, Email
// and Created at, as the genuine exports in ../shared/exports/samples/genuine/shopify/ do.
// The shop's prices include VAT (as a German shop's prices to consumers do): Subtotal and
// Shipping are gross, Total = Subtotal + Shipping, and Taxes is the 19% VAT inside Total.
// Swiss customers pay no German VAT (an export outside the EU): Taxes 0.00. Refunded Amount is
// the money returned, VAT included. The report takes the tax back out of both
// (pipeline/ingest/own-files.ts, loadShopifyOrders), so an order's revenue there is its net
// basket here, to the cent or within one.
// The line items, shipping and discounts come from a stream of their own, so the orders'
// drivers, baskets and statuses are the same draws as before the export had this layout.

import { berlinOffsetMs } from './calendar.ts';
import { Rng } from './random.ts';
import type { Weighted } from './random.ts';
import { centsText } from './sink.ts';
import type { FileSink } from './sink.ts';

/**
 * Shopify's columns in Shopify's order, fewer of them (the genuine exports have 79, most of them
 * empty here or personal), to keep the bundled sample small.
 */
export const SHOPIFY_ORDERS_HEADER = [
  'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Currency', 'Subtotal', 'Shipping', 'Taxes',
  'Total', 'Discount Code', 'Discount Amount', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price',
  'Billing Name', 'Cancelled at', 'Refunded Amount',
] as const;

const VAT_PERCENT = 19;
/** Orders from this gross Subtotal on ship free. */
const FREE_SHIPPING_CENTS = 5000;
const SHIPPING_CENTS = 490;

const PRODUCTS = [
  'Gesichtscreme Sanddorn', 'Reinigungsmilch Kamille', 'Serum Hagebutte', 'Lippenbalsam Honig', 'Duschgel Zirbe',
  'Handcreme Ringelblume', 'Haaröl Argan', 'Festes Shampoo', 'Körperbutter Kakao', 'Augencreme Aloe',
  'Geschenkset Nordlicht', 'Deocreme Salbei',
] as const;

const LINE_COUNTS: Weighted<number> = [[1, 60], [2, 26], [3, 10], [4, 4]];

/** An order as orders.ts draws it; amounts in cents of `currency`, net of VAT. */
export interface ShopifyOrder {
  orderNumber: number;
  createdMs: number;
  email: string;
  name: string;
  swiss: boolean;
  currency: string;
  status: 'paid' | 'partially_refunded' | 'refunded' | 'cancelled';
  /** The basket after discounts, before shipping, net of VAT. */
  netCents: number;
  /** The net part refunded (partially refunded orders). */
  refundedNetCents: number;
  coupon: string;
}

/** `2026-10-03 14:22:05 +0200`: Shopify's timestamps, in the shop's time zone (Europe/Berlin). */
export function shopifyTime(utcMs: number): string {
  const offset = berlinOffsetMs(utcMs);
  const local = new Date(utcMs + offset).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} +0${offset / 3_600_000}00`;
}

export class ShopifyOrderWriter {
  private readonly rng: Rng;
  private readonly sink: FileSink;

  constructor(seed: number, sink: FileSink) {
    this.rng = new Rng(seed, 'shopify-lines');
    this.sink = sink;
    sink.line(SHOPIFY_ORDERS_HEADER);
  }

  write(order: ShopifyOrder): void {
    const rng = this.rng;
    const vat = order.swiss ? 0 : VAT_PERCENT;
    const gross = (net: number): number => Math.round((net * (100 + vat)) / 100);
    const subtotal = gross(order.netCents);
    const shipping = subtotal >= FREE_SHIPPING_CENTS ? 0 : SHIPPING_CENTS;
    const total = subtotal + shipping;
    // the VAT inside the gross total (shipping carries the rate of the goods)
    const taxes = Math.round((total * vat) / (100 + vat));
    const percent = Number(/(\d+)$/.exec(order.coupon)?.[1] ?? 0);
    const discount = percent > 0 ? Math.round((subtotal * percent) / (100 - percent)) : 0;
    const created = shopifyTime(order.createdMs);
    const cancelled = order.status === 'cancelled';
    let refunded = 0;
    if (order.status === 'refunded') refunded = total;
    if (order.status === 'partially_refunded') refunded = gross(order.refundedNetCents);
    const financial = cancelled ? 'voided' : order.status;
    const lines = this.lineItems(subtotal + discount, rng.weighted(LINE_COUNTS));
    lines.forEach(([product, price], i) => {
      const item = ['1', product, centsText(price)];
      if (i === 0) {
        this.sink.row([
          `#${order.orderNumber}`, order.email, financial, cancelled ? '' : shopifyTime(order.createdMs + 2000),
          cancelled ? 'unfulfilled' : 'fulfilled', order.currency, centsText(subtotal), centsText(shipping),
          centsText(taxes), centsText(total), order.coupon, centsText(discount), created, ...item, order.name,
          cancelled ? shopifyTime(order.createdMs + rng.int(2, 30) * 3_600_000) : '', centsText(refunded),
        ]);
      } else {
        this.sink.row([`#${order.orderNumber}`, order.email, '', '', '', '', '', '', '', '', '', '', created, ...item, '', '', '']);
      }
    });
  }

  /** `cents` (the line items before the order's discount) over 1-4 products, each at least 1.00. */
  private lineItems(cents: number, wanted: number): [string, number][] {
    const n = Math.max(1, Math.min(wanted, Math.floor(cents / 100)));
    const weights = Array.from({ length: n }, () => 0.5 + this.rng.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    const prices = weights.map((w) => 100 + Math.floor(((cents - 100 * n) * w) / sum));
    prices[0]! += cents - prices.reduce((a, b) => a + b, 0);
    return prices.map((price) => [PRODUCTS[this.rng.int(0, PRODUCTS.length - 1)]!, price]);
  }
}

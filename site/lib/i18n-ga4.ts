// The texts of the GA4 section of the data-quality page, in German, English and
// French (the pattern of i18n.ts: German first, the English and French objects
// typed by it). Numbers come formatted from format.ts.

import type { Locale } from './i18n.ts';

const de = {
  heading: 'Customer Journeys aus GA4',
  linked: (orders: string) =>
    `${orders} Bestellungen haben ihre Customer Journey aus dem BigQuery-Export von Google Analytics 4: die Sitzungen des Browsers, der gekauft hat. Die übrigen Bestellungen behalten touchpoints.csv oder die UTM-Felder der Bestellung.`,
  notObservableHeading: 'Journeys nicht beobachtbar',
  notObservable: (events: string, purchases: string) =>
    `${events} GA4-Ereignisse kamen ohne \`user_pseudo_id\` (ohne Einwilligung gesendet), darunter ${purchases} Käufe. Ihre Journeys sind nicht beobachtbar: Bestellungen aus solchen Käufen werden zugeordnet wie Bestellungen ohne GA4-Kauf.`,
  allObservable: 'Jedes GA4-Ereignis gehört zu einem Browser: keine Journey ist unbeobachtbar.',
  withoutOrderCaption: 'GA4-Käufe ohne Bestellung',
  withoutOrderNote: 'GA4 meldet diese Käufe, aber keine Bestellung trägt ihre Transaktions-ID. Ihr Umsatz zählt nirgends; prüfe, ob der Bestellexport vollständig ist und ob GA4 die Bestellnummer als `transaction_id` sendet.',
  withoutOrderNone: 'Jeder GA4-Kauf hat seine Bestellung.',
  col: {
    month: 'Monat',
    transaction_id: 'Transaktions-ID',
    revenue: 'Umsatz laut GA4',
    currency: 'Währung',
  },
};

export type Ga4Messages = typeof de;

const en: Ga4Messages = {
  heading: 'Customer journeys from GA4',
  linked: (orders: string) =>
    `${orders} orders take their customer journey from the Google Analytics 4 BigQuery export: the sessions of the browser that bought. The other orders keep touchpoints.csv or the order’s own UTM fields.`,
  notObservableHeading: 'Journeys not observable',
  notObservable: (events: string, purchases: string) =>
    `${events} GA4 events came without \`user_pseudo_id\` (sent without consent), ${purchases} of them purchases. Their journeys are not observable: orders from such purchases are credited like orders without a GA4 purchase.`,
  allObservable: 'Every GA4 event belongs to a browser: no journey is unobservable.',
  withoutOrderCaption: 'GA4 purchases without an order',
  withoutOrderNote: 'GA4 reports these purchases, but no order carries their transaction ID. Their revenue counts nowhere; check that the orders export is complete and that GA4 sends the order number as `transaction_id`.',
  withoutOrderNone: 'Every GA4 purchase has its order.',
  col: {
    month: 'Month',
    transaction_id: 'Transaction ID',
    revenue: 'Revenue according to GA4',
    currency: 'Currency',
  },
};

const fr: Ga4Messages = {
  heading: 'Parcours clients issus de GA4',
  linked: (orders: string) =>
    `${orders} commandes tirent leur parcours client de l’export BigQuery de Google Analytics 4 : les sessions du navigateur qui a acheté. Les autres commandes gardent touchpoints.csv ou les champs UTM de la commande.`,
  notObservableHeading: 'Parcours non observables',
  notObservable: (events: string, purchases: string) =>
    `${events} événements GA4 sont arrivés sans \`user_pseudo_id\` (envoyés sans consentement), dont ${purchases} achats. Leurs parcours ne sont pas observables : les commandes issues de ces achats sont créditées comme les commandes sans achat GA4.`,
  allObservable: 'Chaque événement GA4 appartient à un navigateur : aucun parcours n’est inobservable.',
  withoutOrderCaption: 'Achats GA4 sans commande',
  withoutOrderNote: 'GA4 signale ces achats, mais aucune commande ne porte leur identifiant de transaction. Leur chiffre d’affaires ne compte nulle part ; vérifiez que l’export des commandes est complet et que GA4 envoie le numéro de commande comme `transaction_id`.',
  withoutOrderNone: 'Chaque achat GA4 a sa commande.',
  col: {
    month: 'Mois',
    transaction_id: 'Identifiant de transaction',
    revenue: 'Chiffre d’affaires selon GA4',
    currency: 'Devise',
  },
};

const MESSAGES: Record<Locale, Ga4Messages> = { de, en, fr };

export function ga4Messages(locale: Locale): Ga4Messages {
  return MESSAGES[locale];
}

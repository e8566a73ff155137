// Every text the report shows, in German and English. Numbers, money and dates
// are formatted in format.ts; this module only holds words and sentences.

export type Locale = 'de' | 'en';

/** The Intl locale behind each report locale (en: day-month-year dates, € before the number). */
export const INTL_LOCALE: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

export type AttributionModel =
  | 'last_touch'
  | 'first_touch'
  | 'linear'
  | 'position_based'
  | 'time_decay'
  | 'data_driven';

export const ATTRIBUTION_MODELS: readonly AttributionModel[] = [
  'last_touch',
  'first_touch',
  'linear',
  'position_based',
  'time_decay',
  'data_driven',
];

export type FunnelStage = 'awareness' | 'consideration' | 'conversion';

const de = {
  defaultTitle: 'Social-Media-ROI-Bericht',
  overview: 'Überblick',
  attributionModel: 'Attributionsmodell',
  dataAsOf: (date: string) => `Datenstand: ${date}`,
  generatedAt: (dateTime: string) => `erstellt am ${dateTime}`,
  models: {
    last_touch: 'Letzter Kontakt',
    first_touch: 'Erster Kontakt',
    linear: 'Linear',
    position_based: 'Positionsbasiert',
    time_decay: 'Zeitverfall',
    data_driven: 'Datengetrieben',
  } satisfies Record<AttributionModel, string>,
  headlineHeading: 'Kennzahlen des Monats',
  tiles: {
    media_spend: 'Mediaausgaben',
    total_cost: 'Gesamtkosten',
    revenue: 'Zugeordneter Umsatz',
    gross_profit: 'Rohertrag',
    roi: 'ROI',
    roas: 'ROAS',
  },
  tileHints: {
    media_spend: 'Ausgaben auf den Plattformen',
    total_cost: 'Media plus Agentur, Produktion, Honorare',
    revenue: 'Umsatz, der Kampagnen zugeordnet ist',
    gross_profit: 'Zugeordneter Umsatz × Marge',
    roi: '(Rohertrag − Kosten) ÷ Kosten',
    roas: 'Umsatz je Euro Media',
  },
  vsPrevMonth: 'ggü. Vormonat',
  vsPrevYear: 'ggü. Vorjahresmonat',
  noPrevMonth: 'Kein Vormonat in den Daten',
  previousValue: (value: string) => `Vormonat: ${value}`,
  previousYearValue: (value: string) => `Vorjahresmonat: ${value}`,
  up: 'gestiegen',
  down: 'gesunken',
  unchanged: 'unverändert',
  channelRoiTitle: 'ROI nach Kanal',
  channelRoiCaption: (month: string) =>
    `ROI je Kanal im ${month}: Balken rechts der Null bedeuten, dass der Rohertrag die Kosten übersteigt, Balken links der Null einen Verlust. Nicht zugeordnete Ausgaben und Umsatz ohne Touchpoint sind nicht enthalten.`,
  channelRoiLabel: (month: string, values: string) =>
    `Balkendiagramm, ROI nach Kanal im ${month}: ${values}.`,
  spendRevenueTitle: 'Kosten und Umsatz, letzte 12 Monate',
  spendRevenueCaption: (from: string, to: string) =>
    `Gesamtkosten und zugeordneter Umsatz je Monat von ${from} bis ${to}.`,
  spendRevenueLabel: (from: string, to: string, values: string) =>
    `Liniendiagramm, Gesamtkosten und zugeordneter Umsatz je Monat von ${from} bis ${to}: ${values}.`,
  costSeries: 'Gesamtkosten',
  revenueSeries: 'Zugeordneter Umsatz',
  noData: 'Für diesen Monat liegen keine Daten vor.',
  campaignsHeading: 'Kampagnen',
  campaignsCaption: (month: string) => `Kampagnen im ${month}, sortiert nach ROI`,
  // Soft hyphens (\u00ad) let the narrow number columns break long headers.
  columns: {
    name: 'Kampagne',
    channel: 'Kanal',
    funnel_stage: 'Funnel-Stufe',
    media_spend: 'Media',
    total_cost: 'Gesamt\u00adkosten',
    conversions: 'Conver\u00adsions',
    revenue: 'Zugeordneter Umsatz',
    roi: 'ROI',
    roas: 'ROAS',
  },
  funnelStages: {
    awareness: 'Awareness',
    consideration: 'Consideration',
    conversion: 'Conversion',
  } satisfies Record<FunnelStage, string>,
  unmapped: 'Nicht zugeordnet',
  unattributed: 'Ohne Touchpoint',
  unmappedNote:
    'Nicht zugeordnet: Ausgaben und Umsätze, die keiner Kampagne der Taxonomie zugeordnet werden konnten.',
  unattributedNote:
    'Ohne Touchpoint: Umsatz aus Bestellungen ohne Kontakt im Betrachtungszeitraum; er zählt zum Gesamtumsatz, aber zu keiner Kampagne.',
  dataFiles: 'Datendateien',
  rows: (n: string) => `${n} Zeilen`,
  settingsHeading: 'Einstellungen',
  grossMargin: 'Rohertragsmarge',
  lookbackDays: 'Betrachtungszeitraum',
  days: (n: string) => `${n} Tage`,
  currency: 'Währung',
  timezone: 'Zeitzone',
  warningsHeading: 'Hinweise aus der Datenaufbereitung',
  moreWarnings: (n: string) => `… und ${n} weitere (siehe manifest.json)`,
  inputsLine: (files: string, rejected: string) =>
    `${files} Eingabedateien, ${rejected} abgelehnte Zeilen`,
};

export type Messages = typeof de;

const en: Messages = {
  defaultTitle: 'Social media ROI report',
  overview: 'Overview',
  attributionModel: 'Attribution model',
  dataAsOf: (date: string) => `Data as of ${date}`,
  generatedAt: (dateTime: string) => `generated ${dateTime}`,
  models: {
    last_touch: 'Last touch',
    first_touch: 'First touch',
    linear: 'Linear',
    position_based: 'Position-based',
    time_decay: 'Time decay',
    data_driven: 'Data-driven',
  },
  headlineHeading: 'Headline figures',
  tiles: {
    media_spend: 'Media spend',
    total_cost: 'Total cost',
    revenue: 'Attributed revenue',
    gross_profit: 'Gross profit',
    roi: 'ROI',
    roas: 'ROAS',
  },
  tileHints: {
    media_spend: 'Spend on the platforms',
    total_cost: 'Media plus agency, production, fees',
    revenue: 'Revenue credited to campaigns',
    gross_profit: 'Attributed revenue × margin',
    roi: '(Gross profit − cost) ÷ cost',
    roas: 'Revenue per unit of media spend',
  },
  vsPrevMonth: 'vs. previous month',
  vsPrevYear: 'vs. same month last year',
  noPrevMonth: 'No previous month in the data',
  previousValue: (value: string) => `Previous month: ${value}`,
  previousYearValue: (value: string) => `Same month last year: ${value}`,
  up: 'up',
  down: 'down',
  unchanged: 'unchanged',
  channelRoiTitle: 'ROI by channel',
  channelRoiCaption: (month: string) =>
    `ROI per channel in ${month}: bars right of zero mean gross profit exceeded cost, bars left of zero a loss. Unmapped spend and revenue without a touchpoint are not included.`,
  channelRoiLabel: (month: string, values: string) =>
    `Bar chart, ROI by channel in ${month}: ${values}.`,
  spendRevenueTitle: 'Spend against revenue, last 12 months',
  spendRevenueCaption: (from: string, to: string) =>
    `Total cost and attributed revenue per month from ${from} to ${to}.`,
  spendRevenueLabel: (from: string, to: string, values: string) =>
    `Line chart, total cost and attributed revenue per month from ${from} to ${to}: ${values}.`,
  costSeries: 'Total cost',
  revenueSeries: 'Attributed revenue',
  noData: 'There is no data for this month.',
  campaignsHeading: 'Campaigns',
  campaignsCaption: (month: string) => `Campaigns in ${month}, sorted by ROI`,
  columns: {
    name: 'Campaign',
    channel: 'Channel',
    funnel_stage: 'Funnel stage',
    media_spend: 'Media spend',
    total_cost: 'Total cost',
    conversions: 'Conver\u00adsions',
    revenue: 'Attributed revenue',
    roi: 'ROI',
    roas: 'ROAS',
  },
  funnelStages: {
    awareness: 'Awareness',
    consideration: 'Consideration',
    conversion: 'Conversion',
  },
  unmapped: 'Unmapped',
  unattributed: 'Unattributed',
  unmappedNote: 'Unmapped: spend and revenue that matched no campaign in the taxonomy.',
  unattributedNote:
    'Unattributed: revenue from orders with no touchpoint in the lookback window; it counts towards total revenue but to no campaign.',
  dataFiles: 'Data files',
  rows: (n: string) => `${n} rows`,
  settingsHeading: 'Settings',
  grossMargin: 'Gross margin',
  lookbackDays: 'Lookback window',
  days: (n: string) => `${n} days`,
  currency: 'Currency',
  timezone: 'Time zone',
  warningsHeading: 'Notes from data preparation',
  moreWarnings: (n: string) => `… and ${n} more (see manifest.json)`,
  inputsLine: (files: string, rejected: string) =>
    `${files} input files, ${rejected} rejected rows`,
};

const MESSAGES: Record<Locale, Messages> = { de, en };

export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}

export function isLocale(value: unknown): value is Locale {
  return value === 'de' || value === 'en';
}

export function isAttributionModel(value: unknown): value is AttributionModel {
  return typeof value === 'string' && (ATTRIBUTION_MODELS as readonly string[]).includes(value);
}

export function isFunnelStage(value: unknown): value is FunnelStage {
  return value === 'awareness' || value === 'consideration' || value === 'conversion';
}

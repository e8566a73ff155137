// The texts of the experiments section of the attribution page and of the media-mix
// export, in German, English and French (the pattern of i18n.ts: German first, the
// English and French objects typed by it). Numbers come formatted from format.ts.

import type { Locale } from './i18n.ts';

export type ExperimentMetric = 'conversions' | 'revenue' | 'iroas';

const de = {
  heading: 'Experimente neben der Attribution',
  intro:
    'Ein Lift-Test oder Geo-Experiment misst, was eine Kampagne tatsächlich zusätzlich bewirkt hat. Hier steht es neben dem, was die Plattform sich zuschreibt, und dem, was die Attribution im selben Zeitraum zuordnet. Liegt die Attribution deutlich über dem Experiment, schreibt sie dem Kanal mehr zu, als er bewirkt hat; liegt sie darunter, unterschätzt sie ihn.',
  none: (month: string) =>
    `Kein Experiment deckt den ${month} ab. Lift-Tests und Geo-Experimente kommen als experiments.csv in den Datenordner (Spalten im README, Abschnitt „The input folder“) und erscheinen dann hier neben der Attribution.`,
  rejected: (rows: string) => `${rows} Zeilen von experiments.csv wurden abgewiesen und fehlen hier (--accept-rejected); die Datenqualität nennt sie.`,
  tableCaption: (channel: string) => `Experimente im Kanal ${channel}`,
  metrics: { conversions: 'Zusätzliche Conversions', revenue: 'Zusätzlicher Umsatz', iroas: 'iROAS' } satisfies Record<ExperimentMetric, string>,
  col: {
    experiment: 'Experiment',
    period: 'Zeitraum',
    metric: 'Messgröße',
    platform: 'Plattform meldet',
    attributed: 'Attribution',
    experiment_estimate: 'Experiment',
    attribution_to_experiment: 'Attribution ÷ Experiment',
    platform_to_experiment: 'Plattform ÷ Experiment',
  },
  /** An experiment's name on the page: what it tested and its source. */
  experimentName: (target: string, source: string | null) => (source ? `${target} · ${source}` : target),
  period: (from: string, to: string) => `${from} – ${to}`,
  withInterval: (value: string, low: string, high: string) => `${value} (${low} – ${high})`,
  noInterval: 'ohne Intervall',
  notReported: 'nicht gemeldet',
  notComparable: '–',
  ratioText: (ratio: string) => `${ratio}×`,
  notes: (level: string, replicates: string, model: string) => [
    `Attribution: das Modell ${model} über genau die Tage des Experiments in der Zeitzone des Berichts, in Klammern das ${level}-Intervall eines Bootstraps über Kundinnen und Kunden (${replicates} Wiederholungen, Kosten wie gebucht).`,
    'Experiment: das Intervall, das das Experiment angibt, auf seinem Niveau; aus einem Standardfehler das Intervall auf dem Niveau des Berichts (Schätzung ± z × Standardfehler).',
    'Plattform: was die Plattformen an Conversions und Conversion-Wert für dieselben Kampagnen an denselben Tagen melden. Ein Verhältnis über 1 heißt: diese Seite rechnet dem Kanal mehr zu, als das Experiment an zusätzlicher Wirkung gemessen hat. Bei einem Experiment ohne positive Wirkung gibt es kein Verhältnis.',
  ],
  levelNote: (ids: string, levels: string) => `Auf einem anderen Niveau angegeben: ${ids} (${levels}).`,
  bootstrapOff: 'Der Bootstrap ist abgeschaltet (bootstrap_replicates 0): die Attribution steht ohne Intervall.',
  chartTitle: 'Plattform, Attribution und Experiment',
  chartCaption: (month: string) =>
    `Je Experiment im ${month}: die drei Antworten als Vielfaches des Experiments (1 = was das Experiment gemessen hat); Striche zeigen die Intervalle.`,
  chartLabel: (month: string, values: string) => `Punktdiagramm, Attribution und Plattform als Vielfaches des Experiments im ${month}: ${values}.`,
  sides: { platform: 'Plattform', attributed: 'Attribution', experiment: 'Experiment' },
  mmmHeading: 'Wochendaten für Media-Mix-Modelle',
  mmmIntro:
    'Mediaausgaben, Impressionen und Klicks je Kanal und Woche mit dem Umsatz und den Bestellungen des Shops, im Spaltenlayout, das Meridian, PyMC-Marketing und Robyn lesen. Die CSV-Datei ist einfaches CSV (Komma, Dezimalpunkt), damit Python und R sie ohne Einstellungen lesen; das README beschreibt jede Spalte und das Laden in jedes der drei Werkzeuge.',
  mmmCaption: (weeks: string, month: string) => `${weeks} vollständige Wochen (Montag bis Sonntag) bis Ende ${month}`,
  mmmEmpty: 'Bis zu diesem Monat liegt keine vollständige Woche vor.',
  mmmNote: 'Die Seite zeigt je Kanal nur die Ausgaben; die CSV-Datei enthält auch Impressionen und Klicks.',
  mmmCol: {
    time: 'Woche ab',
    revenue: 'Umsatz des Shops',
    conversions: 'Bestellungen',
    revenue_per_conversion: 'Umsatz je Bestellung',
    spend: (channel: string) => `${channel}: Ausgaben`,
    impressions: (channel: string) => `${channel}: Impressionen`,
    clicks: (channel: string) => `${channel}: Klicks`,
  },
};

export type ExperimentMessages = typeof de;

const en: ExperimentMessages = {
  heading: 'Experiments beside attribution',
  intro:
    'A lift test or geo experiment measures what a campaign really added. Here it stands beside what the platform claims and what attribution credits over the same days. Where attribution lies well above the experiment, it credits the channel with more than it caused; below it, it under-credits it.',
  none: (month: string) =>
    `No experiment covers ${month}. Lift tests and geo experiments go into the data folder as experiments.csv (columns in the README, section “The input folder”) and then appear here beside attribution.`,
  rejected: (rows: string) => `${rows} rows of experiments.csv were rejected and are missing here (--accept-rejected); the data-quality page lists them.`,
  tableCaption: (channel: string) => `Experiments on ${channel}`,
  metrics: { conversions: 'Incremental conversions', revenue: 'Incremental revenue', iroas: 'iROAS' },
  col: {
    experiment: 'Experiment',
    period: 'Period',
    metric: 'Measure',
    platform: 'Platform claims',
    attributed: 'Attribution',
    experiment_estimate: 'Experiment',
    attribution_to_experiment: 'Attribution ÷ experiment',
    platform_to_experiment: 'Platform ÷ experiment',
  },
  experimentName: (target: string, source: string | null) => (source ? `${target} · ${source}` : target),
  period: (from: string, to: string) => `${from} – ${to}`,
  withInterval: (value: string, low: string, high: string) => `${value} (${low} – ${high})`,
  noInterval: 'no interval',
  notReported: 'not reported',
  notComparable: '–',
  ratioText: (ratio: string) => `${ratio}×`,
  notes: (level: string, replicates: string, model: string) => [
    `Attribution: the ${model} model over exactly the experiment's days in the report's time zone; in brackets the ${level} interval of a bootstrap over customers (${replicates} replicates, costs as booked).`,
    "Experiment: the interval the experiment gives, at its own level; from a standard error, the interval at the report's level (estimate ± z × standard error).",
    'Platform: the conversions and conversion value the platforms report for the same campaigns on the same days. A ratio above 1 means that side credits the channel with more than the experiment measured it adding. An experiment that measured no positive effect has no ratio.',
  ],
  levelNote: (ids: string, levels: string) => `Given at another level: ${ids} (${levels}).`,
  bootstrapOff: 'The bootstrap is switched off (bootstrap_replicates 0): attribution is shown without an interval.',
  chartTitle: 'Platform, attribution and experiment',
  chartCaption: (month: string) =>
    `Per experiment in ${month}: the three answers as multiples of the experiment (1 = what the experiment measured); lines show the intervals.`,
  chartLabel: (month: string, values: string) => `Dot chart, attribution and platform as multiples of the experiment in ${month}: ${values}.`,
  sides: { platform: 'Platform', attributed: 'Attribution', experiment: 'Experiment' },
  mmmHeading: 'Weekly data for media-mix models',
  mmmIntro:
    "Media spend, impressions and clicks per channel and week with the shop's revenue and orders, in the column layout Meridian, PyMC-Marketing and Robyn read. The CSV file is plain CSV (comma, decimal point), so that Python and R read it without settings; the README describes every column and how to load it into each of the three tools.",
  mmmCaption: (weeks: string, month: string) => `${weeks} complete weeks (Monday to Sunday) up to the end of ${month}`,
  mmmEmpty: 'There is no complete week up to this month.',
  mmmNote: 'The page shows only the spend per channel; the CSV file also holds impressions and clicks.',
  mmmCol: {
    time: 'Week from',
    revenue: 'Shop revenue',
    conversions: 'Orders',
    revenue_per_conversion: 'Revenue per order',
    spend: (channel: string) => `${channel}: spend`,
    impressions: (channel: string) => `${channel}: impressions`,
    clicks: (channel: string) => `${channel}: clicks`,
  },
};

const fr: ExperimentMessages = {
  heading: 'Expériences à côté de l’attribution',
  intro:
    'Un test de lift ou une expérience géographique mesure ce qu’une campagne a réellement apporté en plus. Il figure ici à côté de ce que la plateforme s’attribue et de ce que l’attribution crédite sur les mêmes jours. Si l’attribution dépasse nettement l’expérience, elle crédite le canal de plus qu’il n’a produit ; en dessous, elle le sous-estime.',
  none: (month: string) =>
    `Aucune expérience ne couvre ${month}. Les tests de lift et les expériences géographiques se placent dans le dossier de données sous le nom experiments.csv (colonnes dans le README, section « The input folder ») et apparaissent alors ici à côté de l’attribution.`,
  rejected: (rows: string) => `${rows} lignes de experiments.csv ont été rejetées et manquent ici (--accept-rejected) ; la page Qualité des données les énumère.`,
  tableCaption: (channel: string) => `Expériences sur ${channel}`,
  metrics: { conversions: 'Conversions incrémentales', revenue: 'Chiffre d’affaires incrémental', iroas: 'iROAS' },
  col: {
    experiment: 'Expérience',
    period: 'Période',
    metric: 'Mesure',
    platform: 'Déclaré par la plateforme',
    attributed: 'Attribution',
    experiment_estimate: 'Expérience',
    attribution_to_experiment: 'Attribution ÷ expérience',
    platform_to_experiment: 'Plateforme ÷ expérience',
  },
  experimentName: (target: string, source: string | null) => (source ? `${target} · ${source}` : target),
  period: (from: string, to: string) => `${from} – ${to}`,
  withInterval: (value: string, low: string, high: string) => `${value} (${low} – ${high})`,
  noInterval: 'sans intervalle',
  notReported: 'non déclaré',
  notComparable: '–',
  ratioText: (ratio: string) => `${ratio}×`,
  notes: (level: string, replicates: string, model: string) => [
    `Attribution : le modèle ${model} sur exactement les jours de l’expérience dans le fuseau horaire du rapport ; entre parenthèses l’intervalle à ${level} d’un bootstrap sur les clients (${replicates} réplications, coûts tels que comptabilisés).`,
    'Expérience : l’intervalle que donne l’expérience, à son propre niveau ; à partir d’une erreur type, l’intervalle au niveau du rapport (estimation ± z × erreur type).',
    'Plateforme : les conversions et la valeur de conversion que les plateformes déclarent pour les mêmes campagnes les mêmes jours. Un ratio supérieur à 1 signifie que ce côté crédite le canal de plus que ce que l’expérience a mesuré. Une expérience sans effet positif mesuré n’a pas de ratio.',
  ],
  levelNote: (ids: string, levels: string) => `Donné à un autre niveau : ${ids} (${levels}).`,
  bootstrapOff: 'Le bootstrap est désactivé (bootstrap_replicates 0) : l’attribution est affichée sans intervalle.',
  chartTitle: 'Plateforme, attribution et expérience',
  chartCaption: (month: string) =>
    `Par expérience en ${month} : les trois réponses en multiples de l’expérience (1 = ce que l’expérience a mesuré) ; les traits montrent les intervalles.`,
  chartLabel: (month: string, values: string) => `Diagramme à points, attribution et plateforme en multiples de l’expérience en ${month} : ${values}.`,
  sides: { platform: 'Plateforme', attributed: 'Attribution', experiment: 'Expérience' },
  mmmHeading: 'Données hebdomadaires pour les modèles de mix média',
  mmmIntro:
    'Dépenses média, impressions et clics par canal et par semaine avec le chiffre d’affaires et les commandes de la boutique, dans la disposition de colonnes que lisent Meridian, PyMC-Marketing et Robyn. Le fichier CSV est un CSV simple (virgule, point décimal), pour que Python et R le lisent sans réglage ; le README décrit chaque colonne et son chargement dans chacun des trois outils.',
  mmmCaption: (weeks: string, month: string) => `${weeks} semaines complètes (du lundi au dimanche) jusqu’à la fin de ${month}`,
  mmmEmpty: 'Aucune semaine complète jusqu’à ce mois.',
  mmmNote: 'La page ne montre que les dépenses par canal ; le fichier CSV contient aussi les impressions et les clics.',
  mmmCol: {
    time: 'Semaine du',
    revenue: 'CA de la boutique',
    conversions: 'Commandes',
    revenue_per_conversion: 'CA par commande',
    spend: (channel: string) => `${channel} : dépenses`,
    impressions: (channel: string) => `${channel} : impressions`,
    clicks: (channel: string) => `${channel} : clics`,
  },
};

const MESSAGES: Record<Locale, ExperimentMessages> = { de, en, fr };

export function experimentMessages(locale: Locale): ExperimentMessages {
  return MESSAGES[locale];
}

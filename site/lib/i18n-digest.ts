// The texts of the month's e-mail digest (pipeline/digest.ts), in German, English and French
// (the pattern of i18n.ts: German first, the other objects typed by it). The tiles,
// the month in words and the column names come from i18n.ts, as on the overview.

import type { Locale } from './i18n.ts';

const de = {
  /** The subject when report.json gives none. */
  subject: (title: string, month: string) => `${title} – ${month}`,
  /** The first line a mail client shows in its list, before the message is opened. */
  preview: (month: string) => `Die Kennzahlen für ${month} auf einen Blick.`,
  moversHeading: 'Größte Veränderungen beim ROI',
  moversIntro: 'Kampagnen, deren ROI sich gegenüber dem Vormonat am stärksten verändert hat.',
  noMovers: 'Keine Kampagne hat in diesem und im Vormonat einen ROI.',
  roiFromTo: 'ROI: Vormonat → Monat',
  roiChange: 'Veränderung',
  openReport: 'Den ganzen Bericht öffnen',
  pdfAttached: (file: string) => `Der Bericht hängt als PDF an (${file}).`,
  footer: (model: string, dataAsOf: string | null) =>
    `Automatisch versandt nach dem Lauf des Berichts. Zugeordnet nach dem Modell ${model}${dataAsOf ? `; Daten bis ${dataAsOf}` : ''}.`,
  chartAlt: (title: string, words: string) => `${title}: ${words}`,
};

export type DigestMessages = typeof de;

const en: DigestMessages = {
  subject: (title, month) => `${title} – ${month}`,
  preview: (month) => `The figures for ${month} at a glance.`,
  moversHeading: 'Largest changes in ROI',
  moversIntro: 'The campaigns whose ROI changed most against the previous month.',
  noMovers: 'No campaign has a ROI in both this and the previous month.',
  roiFromTo: 'ROI: previous month → month',
  roiChange: 'Change',
  openReport: 'Open the full report',
  pdfAttached: (file) => `The report is attached as a PDF (${file}).`,
  footer: (model, dataAsOf) => `Sent automatically after the report's run. Attributed by the ${model} model${dataAsOf ? `; data through ${dataAsOf}` : ''}.`,
  chartAlt: (title, words) => `${title}: ${words}`,
};

const fr: DigestMessages = {
  subject: (title, month) => `${title} – ${month}`,
  preview: (month) => `Les chiffres de ${month} en un coup d’œil.`,
  moversHeading: 'Plus fortes variations du ROI',
  moversIntro: 'Les campagnes dont le ROI a le plus changé par rapport au mois précédent.',
  noMovers: 'Aucune campagne n’a de ROI à la fois ce mois-ci et le mois précédent.',
  roiFromTo: 'ROI : mois précédent → mois',
  roiChange: 'Variation',
  openReport: 'Ouvrir le rapport complet',
  pdfAttached: (file) => `Le rapport est joint en PDF (${file}).`,
  footer: (model, dataAsOf) => `Envoyé automatiquement après l’exécution du rapport. Attribution selon le modèle ${model}${dataAsOf ? ` ; données jusqu’au ${dataAsOf}` : ''}.`,
  chartAlt: (title, words) => `${title} : ${words}`,
};

const MESSAGES: Record<Locale, DigestMessages> = { de, en, fr };

export function digestMessages(locale: Locale): DigestMessages {
  return MESSAGES[locale];
}

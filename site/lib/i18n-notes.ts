// The words of the notes a run leaves in the report (pipeline/notes.ts: a key and its
// parameters), in German, English and French (the pattern of i18n.ts: German first, the
// English and French objects typed by it). `names` in backticks are set as code
// (code-text.ts). A data test's words come from the catalogue (its `-- test [<locale>]`
// lines), passed in as `text`.

import type { Locale } from './i18n.ts';

/** What the words of a note are made from: its parameters, as text, and for a data test the test's own words. */
export interface NoteWords {
  params: Record<string, string>;
  /** The data test's words in the report's locale (dataTest). */
  text: string;
  /** Counts as numbers, to choose singular or plural. */
  count: number;
}

const de = {
  dataTest: (w: NoteWords) => `${w.text} Betroffen: ${w.params.rows} ${w.count === 1 ? 'Zeile' : 'Zeilen'} (Datentest \`${w.params.file}\`).`,
  rowsRejected: (w: NoteWords) => `\`${w.params.file}\`: ${w.params.rows} ${w.count === 1 ? 'Zeile wurde' : 'Zeilen wurden'} abgelehnt; Zeilen und Gründe stehen unter „Abgelehnte Zeilen“.`,
  snapshotNotKept: (w: NoteWords) =>
    `Die Zahlen des ${w.params.month} werden nicht als veröffentlichter Stand festgehalten: Zeilen von ${w.params.files} wurden abgelehnt (--accept-rejected); der erste Lauf ohne abgelehnte Zeilen hält sie fest.`,
  ga4FileEmpty: (w: NoteWords) => `\`${w.params.file}\` enthält kein Ereignis (leerer oder abgebrochener Download?): Die Customer Journeys seiner Tage fehlen; ihre Bestellungen werden über touchpoints.csv oder ihre UTM-Felder zugeordnet.`,
  touchpointsMissing: () => 'touchpoints.csv fehlt: Nur Rabattcodes und die UTM-Felder der Bestellungen können Umsatz zuordnen.',
  settingsMissing: () => 'report.json fehlt im Datenordner: Der Bericht verwendet die Standardeinstellungen.',
  notInContract: (w: NoteWords) => `\`${w.params.path}\` gehört nicht zum vereinbarten Aufbau des Datenordners und wurde nicht gelesen.`,
  /** A diagnostic of the importer, shown as it wrote it (English, as in the run log). */
  text: (w: NoteWords) => `Meldung des Imports (englisch, wie im Protokoll): ${w.params.text}`,
};

export type NoteMessages = typeof de;

const en: NoteMessages = {
  dataTest: (w: NoteWords) => `${w.text} Affected: ${w.params.rows} ${w.count === 1 ? 'row' : 'rows'} (data test \`${w.params.file}\`).`,
  rowsRejected: (w: NoteWords) => `\`${w.params.file}\`: ${w.params.rows} ${w.count === 1 ? 'row was' : 'rows were'} rejected; the rows and reasons are under “Rejected rows”.`,
  snapshotNotKept: (w: NoteWords) =>
    `The figures of ${w.params.month} are not kept as the month's published figures: rows of ${w.params.files} were rejected (--accept-rejected); the first run without rejected rows keeps them.`,
  ga4FileEmpty: (w: NoteWords) => `\`${w.params.file}\` holds no event (an empty or failed download?): the journeys of its days are missing; their orders are attributed through touchpoints.csv or their UTM fields.`,
  touchpointsMissing: () => 'touchpoints.csv is missing: only coupon codes and the UTM fields of orders can attribute revenue.',
  settingsMissing: () => 'report.json is missing from the data folder: the report uses the default settings.',
  notInContract: (w: NoteWords) => `\`${w.params.path}\` is not part of the data folder's agreed layout and was not read.`,
  text: (w: NoteWords) => `Importer message: ${w.params.text}`,
};

const fr: NoteMessages = {
  dataTest: (w: NoteWords) => `${w.text} Concerné : ${w.params.rows} ${w.count === 1 ? 'ligne' : 'lignes'} (test de données \`${w.params.file}\`).`,
  rowsRejected: (w: NoteWords) => `\`${w.params.file}\` : ${w.params.rows} ${w.count === 1 ? 'ligne a été rejetée' : 'lignes ont été rejetées'} ; les lignes et leurs motifs figurent sous « Lignes rejetées ».`,
  snapshotNotKept: (w: NoteWords) =>
    `Les chiffres de ${w.params.month} ne sont pas conservés comme chiffres publiés du mois : des lignes de ${w.params.files} ont été rejetées (--accept-rejected) ; la première exécution sans lignes rejetées les conservera.`,
  ga4FileEmpty: (w: NoteWords) => `\`${w.params.file}\` ne contient aucun événement (téléchargement vide ou interrompu ?) : les parcours de ses jours manquent ; leurs commandes sont attribuées via touchpoints.csv ou leurs champs UTM.`,
  touchpointsMissing: () => 'touchpoints.csv est absent : seuls les codes promo et les champs UTM des commandes peuvent attribuer du chiffre d’affaires.',
  settingsMissing: () => 'report.json est absent du dossier de données : le rapport utilise les paramètres par défaut.',
  notInContract: (w: NoteWords) => `\`${w.params.path}\` ne fait pas partie de l’organisation convenue du dossier de données et n’a pas été lu.`,
  text: (w: NoteWords) => `Message de l’import (en anglais, comme dans le journal) : ${w.params.text}`,
};

const MESSAGES: Record<Locale, NoteMessages> = { de, en, fr };

export function noteMessages(locale: Locale): NoteMessages {
  return MESSAGES[locale];
}

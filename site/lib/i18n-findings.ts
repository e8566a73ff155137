// The texts of the data-quality page's findings (what is wrong, how much money it
// touches, what to do) and of its coverage states, in German and English (the
// pattern of i18n.ts: German first, the English object typed by it). Numbers,
// money, dates and lists arrive formatted.

import type { Locale } from './i18n.ts';

/** A count, formatted, and whether it takes the singular. */
export interface Count {
  n: string;
  one: boolean;
}

const de = {
  heading: 'Befunde',
  intro: 'Was an den Daten dieses Laufs nicht stimmt, wie viel Geld es betrifft und was zu tun ist; das größte Geld zuerst. Die Einzelheiten folgen darunter, eingeklappt.',
  none: 'Keine Befunde: Alle Zeilen wurden geladen, jede Kampagne ist zugeordnet, jede Ausgabe einem Monat zugewiesen, keiner laufenden Kampagne fehlt ein Tag, und keine Datenprüfung hat gewarnt.',
  moneyLabel: 'Betrag',
  noMoney: 'kein Betrag bekannt',
  actionLabel: 'Was tun',
  detailsLink: 'Einzelheiten',
  detailsHeading: 'Einzelheiten',
  estimated: (amount: string) => `etwa ${amount} (geschätzt)`,
  more: (n: string) => `${n} weitere`,
  rows: (c: Count) => `${c.n} ${c.one ? 'Zeile' : 'Zeilen'}`,
  rejected: {
    title: (rows: Count, files: Count) => `${rows.n} ${rows.one ? 'Eingabezeile' : 'Eingabezeilen'} in ${files.n} ${files.one ? 'Datei' : 'Dateien'} abgelehnt`,
    text: 'Diese Zeilen fehlen im Bericht mitsamt ihrem Geld. Die Dateien, mit ihren abgelehnten Zeilen:',
    action: 'Die Zeilen in den genannten Dateien korrigieren (Datei, Zeile und Grund stehen unter „Abgelehnte Zeilen“) und den Bericht neu erstellen.',
  },
  unmappedSpend: {
    title: (c: Count) => `Ausgaben von ${c.n} ${c.one ? 'Plattform-Kampagne' : 'Plattform-Kampagnen'} ohne Kampagne`,
    text: (label: string, month: string, inMonth: string) =>
      `Ihre Ausgaben zählen unter „${label}“ und in keinem Kampagnen-ROI; davon ${inMonth} im ${month}. Die Kampagnen:`,
    action: 'In campaigns.csv ein Muster (Spalte match) ergänzen, das diese Kampagnennamen trifft, und den Bericht neu erstellen.',
  },
  unmappedRevenue: {
    title: (c: Count) => `Umsatz von ${c.n} ${c.one ? 'UTM-Kampagnenwert' : 'UTM-Kampagnenwerten'} ohne Kampagne`,
    text: (label: string, month: string, inMonth: string) =>
      `Dieser Umsatz zählt unter „${label}“ und in keinem Kampagnen-ROI; davon ${inMonth} im ${month}. Die Werte, der meiste Umsatz zuerst:`,
    action: 'Die Werte in campaigns.csv einem Muster (Spalte match) zuordnen oder die UTM-Parameter der Anzeigen berichtigen.',
  },
  unplaced: {
    title: (c: Count) => `${c.n} ${c.one ? 'Zeitraum-Zeile' : 'Zeitraum-Zeilen'} in keinem Monat verbucht`,
    text: 'Exporte über Zeiträume, die kein Kalendermonat sind, zählen in keinem Monat. Die Dateien:',
    action: 'Die Plattform je Tag oder je Kalendermonat exportieren, oder in report.json "period_rows": "pro_rata" setzen, um die Ausgaben anteilig auf die Tage zu verteilen (eine Schätzung).',
  },
  gaps: {
    title: (days: Count) => `${days.n} ${days.one ? 'Tag' : 'Tage'} ohne Plattformdaten, während eine Kampagne lief`,
    text: (list: string) =>
      `Kein Export deckt diese Tage ab, obwohl eine Kampagne davor und danach Ausgaben hatte: ${list}. Der Betrag schätzt die fehlenden Ausgaben aus den durchschnittlichen Tagesausgaben des Kontos.`,
    item: (account: string, days: Count, range: string) => `${account}: ${range} (${days.n} ${days.one ? 'Tag' : 'Tage'})`,
    action: 'Den Export der Plattform für diese Tage herunterladen, in exports/ ablegen und den Bericht neu erstellen.',
  },
  incomplete: {
    title: (month: string) => `${month} ist unvollständig`,
    text: (through: string | null, spend: string | null) =>
      `${through ? `Die Daten reichen bis ${through}; die` : 'Die'} Zahlen des Monats sind vorläufig${spend ? ` (bisher ${spend} Mediaausgaben)` : ''}. Er ist auf jeder Seite markiert und wird nicht als veröffentlichter Monat gespeichert.`,
    noOrders: 'Für den Monat gibt es keine Bestellungen.',
    noPaidData: 'Für den Monat gibt es keine Daten bezahlter Plattformen.',
    action: 'Den Bericht nach Monatsende erneut erstellen, wenn alle Exporte und Bestellungen des Monats vorliegen.',
  },
  conflicts: {
    title: (rows: Count) => `${rows.n} ${rows.one ? 'Plattformzeile' : 'Plattformzeilen'} in mehreren Dateien mit verschiedenen Zahlen`,
    text: (platforms: string | null) =>
      `Dieselbe Zeile (Kampagne, Anzeige, Tag) steht in mehreren Exporten mit anderen Zahlen${platforms ? ` (${platforms})` : ''}. Es zählt die Zeile aus der Datei, deren Daten später enden.`,
    action: 'Prüfen, ob der neuere Export stimmt; veraltete Exporte aus exports/ entfernen.',
  },
  tests: {
    title: (c: Count) => `${c.n} ${c.one ? 'Datenprüfung hat' : 'Datenprüfungen haben'} gewarnt`,
    text: 'Die Prüfungen, mit der Zahl ihrer Zeilen:',
    item: (test: string, rows: string) => `${test} (${rows})`,
    action: 'Die genannten Zeilen prüfen; die Prüfungen stehen unter „Methodik“.',
  },
  restated: {
    title: (c: Count, months: string) => `${c.n} ${c.one ? 'veröffentlichte Zahl hat' : 'veröffentlichte Zahlen haben'} sich geändert (${months})`,
    text: 'Plattformen korrigieren Conversions nachträglich, Erstattungen treffen spät ein. Der Betrag ist die Summe der Änderungen am Umsatz der Monatssummen.',
    action: 'Wer die Berichte dieser Monate erhalten hat, sollte die geänderten Zahlen erfahren; sie stehen unter „Seit Veröffentlichung geändert“.',
  },
  coverage: {
    data: 'Daten',
    period: 'Zeitraum-Zeile',
    gap: 'Lücke',
    idle: 'keine Daten, keine Lücke',
    caption:
      'Jede Zeile ist ein Werbekonto, jede Spalte ein Tag vom ersten bis zum letzten Tag seiner Daten. Rot ist eine Lücke: kein Export deckt den Tag ab, obwohl eine Kampagne davor und danach Ausgaben hatte. Grau sind Tage ohne Daten, an denen nichts lief: pausierte oder beendete Kampagnen, Wochenenden ohne Auslieferung.',
  },
};

export type FindingMessages = typeof de;

const en: FindingMessages = {
  heading: 'Findings',
  intro: "What is wrong with this run's data, how much money it touches and what to do; the most money first. The details follow below, collapsed.",
  none: 'No findings: every row was loaded, every campaign is mapped, all spend is placed in a month, no running campaign misses a day, and no data test warned.',
  moneyLabel: 'Amount',
  noMoney: 'no amount known',
  actionLabel: 'What to do',
  detailsLink: 'Details',
  detailsHeading: 'Details',
  estimated: (amount) => `about ${amount} (estimated)`,
  more: (n) => `${n} more`,
  rows: (c) => `${c.n} ${c.one ? 'row' : 'rows'}`,
  rejected: {
    title: (rows, files) => `${rows.n} input ${rows.one ? 'row' : 'rows'} rejected in ${files.n} ${files.one ? 'file' : 'files'}`,
    text: 'These rows are missing from the report, with their money. The files, with their rejected rows:',
    action: 'Fix the rows in the files named (file, line and reason are under "Rejected rows") and build the report again.',
  },
  unmappedSpend: {
    title: (c) => `Spend of ${c.n} platform ${c.one ? 'campaign' : 'campaigns'} without a campaign`,
    text: (label, month, inMonth) => `Their spend counts as "${label}" and in no campaign's ROI; ${inMonth} of it in ${month}. The campaigns:`,
    action: 'Add a pattern (column match) to campaigns.csv that matches these campaign names, and build the report again.',
  },
  unmappedRevenue: {
    title: (c) => `Revenue of ${c.n} UTM campaign ${c.one ? 'value' : 'values'} without a campaign`,
    text: (label, month, inMonth) => `This revenue counts as "${label}" and in no campaign's ROI; ${inMonth} of it in ${month}. The values, the most revenue first:`,
    action: "Map the values to a campaign with a pattern (column match) in campaigns.csv, or correct the ads' UTM parameters.",
  },
  unplaced: {
    title: (c) => `${c.n} period ${c.one ? 'row' : 'rows'} placed in no month`,
    text: 'Exports over periods that are not a calendar month count in no month. The files:',
    action: 'Export the platform by day or by calendar month, or set "period_rows": "pro_rata" in report.json to spread the spend over its days (an estimate).',
  },
  gaps: {
    title: (days) => `${days.n} ${days.one ? 'day' : 'days'} without platform data while a campaign was running`,
    text: (list) =>
      `No export covers these days, although a campaign had spend before and after them: ${list}. The amount estimates the missing spend from the account's average daily spend.`,
    item: (account, days, range) => `${account}: ${range} (${days.n} ${days.one ? 'day' : 'days'})`,
    action: "Download the platform's export for these days, put it in exports/ and build the report again.",
  },
  incomplete: {
    title: (month) => `${month} is incomplete`,
    text: (through, spend) =>
      `${through ? `The data reach ${through}; the` : 'The'} month's figures are provisional${spend ? ` (${spend} of media spend so far)` : ''}. It is marked on every page and not kept as a published month.`,
    noOrders: 'The month has no orders.',
    noPaidData: 'The month has no paid platform data.',
    action: "Build the report again after the month's end, once all its exports and orders are in.",
  },
  conflicts: {
    title: (rows) => `${rows.n} platform ${rows.one ? 'row' : 'rows'} in several files with different numbers`,
    text: (platforms) => `The same row (campaign, ad, day) is in several exports with other numbers${platforms ? ` (${platforms})` : ''}. The row of the file whose data end later counts.`,
    action: 'Check that the newer export is right; remove outdated exports from exports/.',
  },
  tests: {
    title: (c) => `${c.n} data ${c.one ? 'test' : 'tests'} warned`,
    text: 'The tests, with the number of their rows:',
    item: (test, rows) => `${test} (${rows})`,
    action: 'Check the rows named; the tests are listed under "Methodology".',
  },
  restated: {
    title: (c, months) => `${c.n} published ${c.one ? 'figure has' : 'figures have'} changed (${months})`,
    text: 'Platforms revise conversions, refunds arrive late. The amount is the sum of the changes to the month totals\' revenue.',
    action: 'Whoever received the reports of those months should learn of the changed figures; they are under "Changed since publication".',
  },
  coverage: {
    data: 'data',
    period: 'period row',
    gap: 'gap',
    idle: 'no data, no gap',
    caption:
      'Each row is an ad account, each column a day from the first to the last day of its data. Red is a gap: no export covers the day although a campaign had spend before and after it. Grey days have no data and nothing running: paused or ended campaigns, weekends without delivery.',
  },
};

const fr: FindingMessages = {
  heading: 'Constats',
  intro: 'Ce qui ne va pas dans les données de cette exécution, le montant concerné et que faire ; le plus gros montant d’abord. Le détail suit plus bas, replié.',
  none: 'Aucun constat : toutes les lignes ont été chargées, toutes les campagnes sont rattachées, toutes les dépenses sont placées dans un mois, aucune campagne active ne manque de jour et aucun test de données n’a averti.',
  moneyLabel: 'Montant',
  noMoney: 'aucun montant connu',
  actionLabel: 'Que faire',
  detailsLink: 'Détails',
  detailsHeading: 'Détails',
  estimated: (amount) => `environ ${amount} (estimation)`,
  more: (n) => `${n} de plus`,
  rows: (c) => `${c.n} ${c.one ? 'ligne' : 'lignes'}`,
  rejected: {
    title: (rows, files) => `${rows.n} ${rows.one ? 'ligne d’entrée rejetée' : 'lignes d’entrée rejetées'} dans ${files.n} ${files.one ? 'fichier' : 'fichiers'}`,
    text: 'Ces lignes manquent au rapport, avec leurs montants. Les fichiers, avec leurs lignes rejetées :',
    action: 'Corrigez les lignes dans les fichiers cités (fichier, ligne et motif sous « Lignes rejetées ») puis relancez le rapport.',
  },
  unmappedSpend: {
    title: (c) => `Dépenses de ${c.n} ${c.one ? 'campagne de plateforme' : 'campagnes de plateforme'} sans campagne`,
    text: (label, month, inMonth) => `Ces dépenses comptent comme « ${label} » et dans le ROI d’aucune campagne ; dont ${inMonth} en ${month}. Les campagnes :`,
    action: 'Ajoutez dans campaigns.csv un motif (colonne match) qui reconnaît ces noms de campagne, puis relancez le rapport.',
  },
  unmappedRevenue: {
    title: (c) => `Chiffre d’affaires de ${c.n} ${c.one ? 'valeur' : 'valeurs'} de campagne UTM sans campagne`,
    text: (label, month, inMonth) => `Ce chiffre d’affaires compte comme « ${label} » et dans le ROI d’aucune campagne ; dont ${inMonth} en ${month}. Les valeurs, le plus gros chiffre d’affaires d’abord :`,
    action: 'Rattachez ces valeurs à une campagne par un motif (colonne match) dans campaigns.csv, ou corrigez les paramètres UTM des annonces.',
  },
  unplaced: {
    title: (c) => `${c.n} ${c.one ? 'ligne de période placée' : 'lignes de période placées'} dans aucun mois`,
    text: 'Les exports sur des périodes qui ne sont pas un mois calendaire ne comptent dans aucun mois. Les fichiers :',
    action: 'Exportez la plateforme par jour ou par mois calendaire, ou mettez "period_rows": "pro_rata" dans report.json pour répartir les dépenses sur leurs jours (une estimation).',
  },
  gaps: {
    title: (days) => `${days.n} ${days.one ? 'jour' : 'jours'} sans données de plateforme alors qu’une campagne était active`,
    text: (list) =>
      `Aucun export ne couvre ces jours, bien qu’une campagne ait eu des dépenses avant et après : ${list}. Le montant estime les dépenses manquantes d’après la dépense journalière moyenne du compte.`,
    item: (account, days, range) => `${account} : ${range} (${days.n} ${days.one ? 'jour' : 'jours'})`,
    action: 'Téléchargez l’export de la plateforme pour ces jours, placez-le dans exports/ puis relancez le rapport.',
  },
  incomplete: {
    title: (month) => `Le mois de ${month} est incomplet`,
    text: (through, spend) =>
      `${through ? `Les données vont jusqu’au ${through} ; les` : 'Les'} chiffres du mois sont provisoires${spend ? ` (${spend} de dépenses média à ce jour)` : ''}. Il est signalé sur chaque page et n’est pas conservé comme mois publié.`,
    noOrders: 'Le mois n’a aucune commande.',
    noPaidData: 'Le mois n’a aucune donnée de plateforme payante.',
    action: 'Relancez le rapport après la fin du mois, une fois tous ses exports et commandes disponibles.',
  },
  conflicts: {
    title: (rows) => `${rows.n} ${rows.one ? 'ligne de plateforme' : 'lignes de plateforme'} dans plusieurs fichiers avec des chiffres différents`,
    text: (platforms) => `La même ligne (campagne, annonce, jour) figure dans plusieurs exports avec d’autres chiffres${platforms ? ` (${platforms})` : ''}. C’est la ligne du fichier dont les données finissent le plus tard qui compte.`,
    action: 'Vérifiez que l’export le plus récent est juste ; retirez les exports périmés de exports/.',
  },
  tests: {
    title: (c) => `${c.n} ${c.one ? 'test de données a' : 'tests de données ont'} averti`,
    text: 'Les tests, avec leur nombre de lignes :',
    item: (test, rows) => `${test} (${rows})`,
    action: 'Vérifiez les lignes citées ; les tests sont listés sous « Méthodologie ».',
  },
  restated: {
    title: (c, months) => `${c.n} ${c.one ? 'chiffre publié a changé' : 'chiffres publiés ont changé'} (${months})`,
    text: 'Les plateformes révisent les conversions, les remboursements arrivent tard. Le montant est la somme des variations du chiffre d’affaires des totaux mensuels.',
    action: 'Les destinataires des rapports de ces mois doivent être informés des chiffres modifiés ; ils figurent sous « Modifié depuis la publication ».',
  },
  coverage: {
    data: 'données',
    period: 'ligne de période',
    gap: 'lacune',
    idle: 'pas de données, pas de lacune',
    caption:
      'Chaque ligne est un compte publicitaire, chaque colonne un jour, du premier au dernier jour de ses données. Le rouge est une lacune : aucun export ne couvre le jour alors qu’une campagne avait des dépenses avant et après. Les jours gris n’ont pas de données et rien n’était actif : campagnes en pause ou terminées, week-ends sans diffusion.',
  },
};

const MESSAGES: Record<Locale, FindingMessages> = { de, en, fr };

export function findingMessages(locale: Locale): FindingMessages {
  return MESSAGES[locale];
}

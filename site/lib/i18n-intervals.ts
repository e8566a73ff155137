// The texts of the bootstrap intervals, the verdicts built on them (the overview's
// sentences, best and worst campaigns, where to move budget) and the methodology's
// bootstrap section, in German, English and French (the pattern of i18n.ts: German first, the
// English and French objects typed by it). Numbers arrive formatted from format.ts; lists of names
// arrive joined (Intl.ListFormat).

import type { Locale } from './i18n.ts';

/** A verdict of roi_verdicts.sql. */
export type Verdict = 'earns' | 'loses' | 'depends_on_model' | 'uncertain';

/** Why the data supports no budget move. */
export type NoMoveReason = 'noLoser' | 'noEarner' | 'neither';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const de = {
  /** The interval's name, from its level as a number of percent ("90"): 90-%-Intervall. */
  // non-breaking hyphens: a line never breaks inside "90-%-Intervall"
  interval: (percent: string) => `${percent}\u2011%\u2011Intervall`,
  lowEnd: (label: string) => `${label}, untere Grenze`,
  highEnd: (label: string) => `${label}, obere Grenze`,
  /** A CPA whose conversions may be 0 at the interval's low end: no upper bound. */
  openHigh: (low: string) => `ab ${low}`,
  tableNote: (interval: string, replicates: string) =>
    `Grau unter einer Zahl: ihr ${interval} aus einem Bootstrap über Kundinnen und Kunden (${replicates} Wiederholungen, Kosten wie gebucht). Die CSV-Datei und die Excel-Mappe enthalten beide Grenzen als eigene Spalten.`,
  tooFew: 'zu wenige Conversions für ein Urteil',
  factsNote: (interval: string, replicates: string) => `In Klammern: das ${interval} (Bootstrap über Kundinnen und Kunden, ${replicates} Wiederholungen).`,
  tooFewNote: (min: string, model: string) =>
    `„Zu wenige Conversions für ein Urteil“: weniger als ${min} zugeordnete Conversions im Monat (${model}); das Intervall steht dabei, ein Urteil über den ROI trägt es nicht.`,
  tooFewNoteOff: (min: string, model: string) =>
    `„Zu wenige Conversions für ein Urteil“: weniger als ${min} zugeordnete Conversions im Monat (${model}); ein ROI aus so wenigen Bestellungen kann weit vom wahren Wert liegen.`,
  whiskers: (interval: string, replicates: string) => `Die Striche zeigen das ${interval} (Bootstrap über Kundinnen und Kunden, ${replicates} Wiederholungen).`,
  whiskersLabel: (interval: string) => `${interval}`,
  lineWhiskers: (interval: string, replicates: string) => `Die Striche am Umsatz zeigen sein ${interval} (Bootstrap über Kundinnen und Kunden, ${replicates} Wiederholungen).`,

  // The overview's sentences
  verdicts: (w: { earns: string | null; earnsMany: boolean; depends: string | null; dependsMany: boolean; loses: string | null; losesMany: boolean; uncertain: string | null }) =>
    capitalize(
      [
        w.earns && `${w.earns} ${w.earnsMany ? 'haben ihre' : 'hat seine'} Kosten unter jedem Attributionsmodell eingespielt`,
        w.depends && `ob ${w.depends} ${w.dependsMany ? 'es taten' : 'es tat'}, hängt vom Modell ab`,
        w.loses && `${w.loses} ${w.losesMany ? 'haben' : 'hat'} unter jedem Modell Geld verloren`,
        w.uncertain && `bei ${w.uncertain} lässt die Streuung unter keinem Modell ein Urteil zu`,
      ]
        .filter(Boolean)
        .join('; '),
    ) + '.',
  tooFewChannels: (list: string, min: string) => `Zu wenige Conversions für ein Urteil (unter ${min}): ${list}.`,
  conversionsOf: (name: string, conversions: string) => `${name} (${conversions})`,
  bestClear: (channel: string, roi: string, share: string) => `Bester Kanal nach ROI: ${channel} (${roi}), in ${share} der Stichproben vorn.`,
  bestUnclear: (shares: string) => `Kein Kanal war klar der beste nach ROI: ${shares}.`,
  worstClear: (channel: string, roi: string, share: string) => `Schwächster Kanal nach ROI: ${channel} (${roi}), in ${share} der Stichproben hinten.`,
  worstUnclear: (shares: string) => `Kein Kanal war klar der schwächste nach ROI: ${shares}.`,
  /** The first of the top shares names the resamples and the side, the rest only the share. */
  shareFirst: (channel: string, share: string, side: 'best' | 'worst') => `${channel} lag in ${share} der Stichproben ${side === 'best' ? 'vorn' : 'hinten'}`,
  shareNext: (channel: string, share: string) => `${channel} in ${share}`,
  channelsOff: (best: string, bestRoi: string, worst: string, worstRoi: string) =>
    `Höchster ROI: ${best} (${bestRoi}), niedrigster: ${worst} (${worstRoi}); wie sicher diese Reihenfolge ist, sagt der Bericht ohne Bootstrap nicht.`,
  off: 'Die Intervalle sind abgeschaltet (bootstrap_replicates 0): Der Bericht sagt in diesem Lauf nicht, welche Kampagnen und Kanäle ihre Kosten sicher eingespielt oder sicher Geld verloren haben.',

  // Best and worst campaigns
  bestCaption: 'Kampagnen, die ihre Kosten unter jedem Modell eingespielt haben, nach ROI',
  worstCaption: 'Kampagnen, die unter jedem Modell Geld verloren haben, nach ROI',
  noBest: 'Keine Kampagne hat in diesem Monat ihre Kosten unter jedem Modell sicher eingespielt.',
  noWorst: 'Keine Kampagne hat in diesem Monat unter jedem Modell sicher Geld verloren.',
  unjudged: (count: number, n: string, parts: string) => `${n} ${count === 1 ? 'Kampagne lässt' : 'Kampagnen lassen'} kein Urteil zu (${parts}).`,
  unjudgedParts: { depends_on_model: 'vom Modell abhängig', uncertain: 'unsicher', too_few: 'zu wenige Conversions' },
  unjudgedPart: (label: string, n: string) => `${label}: ${n}`,
  rankedOff: 'Ohne Intervalle (bootstrap_replicates 0) ordnen die beiden Tabellen nach dem ROI allein, ohne zu sagen, wie sicher er ist.',

  // Where to move budget
  budgetHeading: 'Wohin Budget verschieben?',
  budgetIntro: (level: string, replicates: string) =>
    `Der Bericht nennt eine Verschiebung nur von einem Kanal, der unter jedem Attributionsmodell sicher Geld verliert, zu einem, der unter jedem Modell sicher seine Kosten einspielt (ROI in mindestens ${level} von ${replicates} Stichproben unter bzw. über 0). Beträge nennt er nicht: Der ROI eines Kanals ist ein Durchschnitt und sagt nicht, was zusätzliches Budget einbrächte.`,
  budgetMove: (from: string, to: string) => `Von ${from} zu ${to}.`,
  budgetOr: 'oder',
  budgetChannel: (channel: string, roi: string, interval: string, range: string) => `${channel} (ROI ${roi}, ${interval} ${range})`,
  budgetNone: (reason: NoMoveReason) =>
    `Die Daten dieses Monats stützen keine Verschiebung von Budget: ${
      reason === 'noLoser'
        ? 'kein Kanal verliert unter jedem Modell sicher Geld'
        : reason === 'noEarner'
          ? 'kein Kanal spielt unter jedem Modell sicher seine Kosten ein'
          : 'kein Kanal verliert unter jedem Modell sicher Geld, und keiner spielt sicher seine Kosten ein'
    }.`,
  budgetEarners: (list: string) => `Sicher eingespielt haben ihre Kosten: ${list}.`,
  budgetLosers: (list: string) => `Sicher Geld verloren haben: ${list}.`,
  budgetSkipped: (list: string, min: string) => `Übergangen, weil zu wenige Conversions für ein Urteil (unter ${min}): ${list}.`,
  skippedChannel: (channel: string, conversions: string, verdict: string) => `${channel} (${conversions} Conversions, ${verdict})`,
  budgetOff: 'Die Intervalle sind abgeschaltet (bootstrap_replicates 0): Ohne sie kann der Bericht nicht sagen, ob ein Kanal sicher Geld verliert oder sicher seine Kosten einspielt, und schlägt keine Verschiebung vor.',
  verdictWords: {
    earns: 'spielt Kosten ein',
    loses: 'verliert Geld',
    depends_on_model: 'hängt vom Modell ab',
    uncertain: 'unsicher',
  } satisfies Record<Verdict, string>,

  // Methodology
  methodHeading: 'Wie sicher die Zahlen sind: der Bootstrap',
  methodText: (w: { replicates: string | null; interval: string; level: string; tail: string; min: string; model: string }) => [
    `Jede Kennzahl des Berichts beruht auf den Bestellungen einer begrenzten Zahl von Kundinnen und Kunden. Wie sehr sie vom Zufall abhängt, welche Kundinnen und Kunden in diesem Monat gekauft haben, schätzt der Bericht mit einem Bootstrap: Er rechnet den Monat ${w.replicates === null ? 'viele Male' : `${w.replicates}-mal`} nach, und in jeder dieser Wiederholungen zählt jede Kundin und jeder Kunde 0-, 1-, 2- oder mehrmals (ein Poisson-Bootstrap). Wie oft, ergibt sich aus einem Hashwert der Kundin oder des Kunden (aus der Nummer ihrer ersten Bestellung) und der Nummer der Wiederholung, nicht aus einem Zufallsgenerator: Derselbe Bericht ergibt bei jedem Lauf dieselben Zahlen. Alle Bestellungen einer Kundin oder eines Kunden zählen gleich oft.`,
    'Die Kosten bleiben in jeder Wiederholung wie gebucht; nur Umsatz und Conversions ändern sich mit den Kundinnen und Kunden. Das datengetriebene Modell behält in jeder Wiederholung die Anteile, die es aus allen Daten gelernt hat; sein Intervall enthält also nicht die Unsicherheit dieser Anteile.',
    `Das ${w.interval} einer Zahl reicht über die mittleren ${w.level} der Wiederholungen: Je ${w.tail} der Wiederholungen lagen darunter und darüber. Tabellen zeigen es grau unter der Zahl, Diagramme als Strich.`,
    `Ein ROI gilt unter einem Modell als sicher über 0, wenn er in mindestens ${w.level} der Wiederholungen über 0 liegt, als sicher unter 0 im umgekehrten Fall. Daraus das Urteil über eine Kampagne oder einen Kanal: „spielt Kosten ein“ (sicher über 0 unter jedem Modell), „verliert Geld“ (sicher unter 0 unter jedem Modell), „hängt vom Modell ab“ (sicher unter manchen Modellen, aber nicht unter allen gleich) und „unsicher“ (unter keinem Modell sicher). Mit weniger als ${w.min} zugeordneten Conversions im Monat (${w.model}) steht bei einer Kampagne „zu wenige Conversions für ein Urteil“: Ihr Intervall wird gezeigt, ihr Urteil zählt im Überblick nicht.`,
  ],
  methodOff: 'In diesem Bericht ist der Bootstrap abgeschaltet (bootstrap_replicates 0): Keine Zahl hat ein Intervall, und es gibt keine Urteile.',
  methodFiles: 'Berechnet in diesen SQL-Dateien:',
  methodFileRoles: {
    'queries/macros.sql': '`bootstrap_weight` (wie oft eine Kundin oder ein Kunde in einer Wiederholung zählt) und `replicate_quantile` (die Grenzen des Intervalls)',
    'queries/intermediate/int_bootstrap_customers.sql': 'der Hashwert jeder Kundin und jedes Kunden, aus der ersten Bestellung',
    'queries/intermediate/int_attribution_replicates.sql': 'die zugeordneten Conversions und Umsätze jeder Kampagne in jeder Wiederholung',
    'queries/intermediate/int_roi_replicates.sql': 'ROI, ROAS und CPA jeder Kampagne, jedes Kanals und des Monats in jeder Wiederholung, mit den gebuchten Kosten',
    'queries/intermediate/int_roi_intervals.sql': 'die Intervalle und die Anteile der Wiederholungen mit ROI über und unter 0',
    'queries/marts/roi_verdicts.sql': 'die Urteile je Kampagne und Kanal',
    'queries/marts/channel_ranking.sql': 'wie oft jeder Kanal den höchsten und den niedrigsten ROI hat',
  } as Record<string, string>,
  methodMetrics: 'Die Definitionen aus diesen Dateien, wie sie in der Tabelle der Kennzahlen stehen:',
  settingReplicates: 'Bootstrap-Wiederholungen',
  settingLevel: 'Intervall',
  settingMin: 'Mindestzahl Conversions für ein Urteil',
};

export type IntervalMessages = typeof de;

const en: IntervalMessages = {
  interval: (percent: string) => `${percent}% interval`,
  lowEnd: (label: string) => `${label}, low`,
  highEnd: (label: string) => `${label}, high`,
  openHigh: (low: string) => `${low} or more`,
  tableNote: (interval: string, replicates: string) =>
    `In grey under a figure: its ${interval} from a bootstrap over customers (${replicates} replicates, costs as booked). The CSV file and the Excel workbook hold both ends as columns of their own.`,
  tooFew: 'too few conversions to judge',
  factsNote: (interval: string, replicates: string) => `In brackets: the ${interval} (bootstrap over customers, ${replicates} replicates).`,
  tooFewNote: (min: string, model: string) =>
    `“Too few conversions to judge”: fewer than ${min} attributed conversions in the month (${model}); the interval is shown, but no verdict on the ROI rests on it.`,
  tooFewNoteOff: (min: string, model: string) =>
    `“Too few conversions to judge”: fewer than ${min} attributed conversions in the month (${model}); a ROI from so few orders can lie far from the true one.`,
  whiskers: (interval: string, replicates: string) => `The whiskers show the ${interval} (bootstrap over customers, ${replicates} replicates).`,
  whiskersLabel: (interval: string) => `${interval}`,
  lineWhiskers: (interval: string, replicates: string) => `The whiskers on revenue show its ${interval} (bootstrap over customers, ${replicates} replicates).`,

  verdicts: (w) =>
    capitalize(
      [
        w.earns && `${w.earns} earned ${w.earnsMany ? 'their' : 'its'} cost under every attribution model`,
        w.depends && `whether ${w.depends} did depends on the model`,
        w.loses && `${w.loses} lost money under every model`,
        w.uncertain && `for ${w.uncertain} the spread allows no verdict under any model`,
      ]
        .filter(Boolean)
        .join('; '),
    ) + '.',
  tooFewChannels: (list: string, min: string) => `Too few conversions to judge (under ${min}): ${list}.`,
  conversionsOf: (name: string, conversions: string) => `${name} (${conversions})`,
  bestClear: (channel: string, roi: string, share: string) => `Best channel by ROI: ${channel} (${roi}), top in ${share} of resamples.`,
  bestUnclear: (shares: string) => `No channel was clearly best by ROI: ${shares}.`,
  worstClear: (channel: string, roi: string, share: string) => `Weakest channel by ROI: ${channel} (${roi}), bottom in ${share} of resamples.`,
  worstUnclear: (shares: string) => `No channel was clearly weakest by ROI: ${shares}.`,
  shareFirst: (channel: string, share: string, side: 'best' | 'worst') => `${channel} came ${side === 'best' ? 'top' : 'bottom'} in ${share} of resamples`,
  shareNext: (channel: string, share: string) => `${channel} in ${share}`,
  channelsOff: (best: string, bestRoi: string, worst: string, worstRoi: string) =>
    `Highest ROI: ${best} (${bestRoi}), lowest: ${worst} (${worstRoi}); without the bootstrap the report does not say how sure this order is.`,
  off: 'Intervals are switched off (bootstrap_replicates 0): in this run the report does not say which campaigns and channels earned their cost or lost money with confidence.',

  bestCaption: 'Campaigns that earned their cost under every model, by ROI',
  worstCaption: 'Campaigns that lost money under every model, by ROI',
  noBest: 'No campaign earned its cost under every model with confidence this month.',
  noWorst: 'No campaign lost money under every model with confidence this month.',
  unjudged: (count: number, n: string, parts: string) => `${n} ${count === 1 ? 'campaign' : 'campaigns'} could not be judged (${parts}).`,
  unjudgedParts: { depends_on_model: 'depends on the model', uncertain: 'uncertain', too_few: 'too few conversions' },
  unjudgedPart: (label: string, n: string) => `${label}: ${n}`,
  rankedOff: 'Without intervals (bootstrap_replicates 0) both tables rank by ROI alone, without saying how sure it is.',

  budgetHeading: 'Where to move budget',
  budgetIntro: (level: string, replicates: string) =>
    `The report names a move only from a channel that loses money under every attribution model with confidence to one that earns its cost under every model (ROI below or above 0 in at least ${level} of ${replicates} resamples). It names no amounts: a channel's ROI is an average and does not say what more budget would return.`,
  budgetMove: (from: string, to: string) => `From ${from} to ${to}.`,
  budgetOr: 'or',
  budgetChannel: (channel: string, roi: string, interval: string, range: string) => `${channel} (ROI ${roi}, ${interval} ${range})`,
  budgetNone: (reason: NoMoveReason) =>
    `This month's data does not support moving budget: ${
      reason === 'noLoser'
        ? 'no channel loses money under every model with confidence'
        : reason === 'noEarner'
          ? 'no channel earns its cost under every model with confidence'
          : 'no channel loses money under every model with confidence, and none earns its cost with confidence'
    }.`,
  budgetEarners: (list: string) => `Earned their cost with confidence: ${list}.`,
  budgetLosers: (list: string) => `Lost money with confidence: ${list}.`,
  budgetSkipped: (list: string, min: string) => `Skipped for too few conversions to judge (under ${min}): ${list}.`,
  skippedChannel: (channel: string, conversions: string, verdict: string) => `${channel} (${conversions} conversions, ${verdict})`,
  budgetOff: 'Intervals are switched off (bootstrap_replicates 0): without them the report cannot say whether a channel loses money or earns its cost with confidence, and suggests no move.',
  verdictWords: {
    earns: 'earns its cost',
    loses: 'loses money',
    depends_on_model: 'depends on the model',
    uncertain: 'uncertain',
  },

  methodHeading: 'How sure the figures are: the bootstrap',
  methodText: (w) => [
    `Every figure of the report rests on the orders of a limited number of customers. How much it owes to chance (which customers happened to buy this month) the report estimates with a bootstrap: it works the month out again ${w.replicates === null ? 'many' : w.replicates} times, and in each of these replicates every customer counts 0, 1, 2 or more times (a Poisson bootstrap). How many times follows from a hash of the customer (of the id of their first order) and the replicate's number, not from a random generator, so the same report gives the same figures on every run. All of a customer's orders count the same number of times.`,
    'Costs stay as booked in every replicate; only revenue and conversions change with the customers. The data-driven model keeps the shares it learned from all the data in every replicate, so its interval leaves out the uncertainty of those shares.',
    `The ${w.interval} of a figure spans the middle ${w.level} of the replicates: ${w.tail} of them fell below it and ${w.tail} above. Tables show it in grey under the figure, charts as a whisker.`,
    `Under one model a ROI is above 0 with confidence when it is above 0 in at least ${w.level} of the replicates, below 0 with confidence in the mirror case. From this the verdict on a campaign or channel: “earns its cost” (above 0 with confidence under every model), “loses money” (below 0 with confidence under every model), “depends on the model” (confident under some models, but not under all the same way) and “uncertain” (confident under none). A campaign with fewer than ${w.min} attributed conversions in the month (${w.model}) is marked “too few conversions to judge”: its interval is shown, its verdict does not count on the overview.`,
  ],
  methodOff: 'In this report the bootstrap is switched off (bootstrap_replicates 0): no figure has an interval, and there are no verdicts.',
  methodFiles: 'Computed in these SQL files:',
  methodFileRoles: {
    'queries/macros.sql': '`bootstrap_weight` (how many times a customer counts in a replicate) and `replicate_quantile` (the ends of the interval)',
    'queries/intermediate/int_bootstrap_customers.sql': "each customer's seed, from their first order",
    'queries/intermediate/int_attribution_replicates.sql': "each campaign's attributed conversions and revenue in every replicate",
    'queries/intermediate/int_roi_replicates.sql': 'ROI, ROAS and CPA of every campaign, channel and month in every replicate, with the costs as booked',
    'queries/intermediate/int_roi_intervals.sql': 'the intervals and the shares of replicates with ROI above and below 0',
    'queries/marts/roi_verdicts.sql': 'the verdicts per campaign and channel',
    'queries/marts/channel_ranking.sql': 'how often each channel has the highest and the lowest ROI',
  },
  methodMetrics: 'The definitions from these files, as the table of metrics gives them:',
  settingReplicates: 'Bootstrap replicates',
  settingLevel: 'Interval',
  settingMin: 'Minimum conversions for a verdict',
};

const fr: IntervalMessages = {
  // espaces insécables : une ligne ne se coupe jamais dans « intervalle à 90 % »
  interval: (percent: string) => `intervalle à ${percent}\u00a0%`,
  lowEnd: (label: string) => `${label}, borne basse`,
  highEnd: (label: string) => `${label}, borne haute`,
  openHigh: (low: string) => `${low} ou plus`,
  tableNote: (interval: string, replicates: string) =>
    `En gris sous un chiffre : son ${interval} issu d’un bootstrap sur les clients (${replicates} réplications, coûts tels que comptabilisés). Le fichier CSV et le classeur Excel contiennent les deux bornes dans des colonnes distinctes.`,
  tooFew: 'trop peu de conversions pour conclure',
  factsNote: (interval: string, replicates: string) => `Entre parenthèses : l’${interval} (bootstrap sur les clients, ${replicates} réplications).`,
  tooFewNote: (min: string, model: string) =>
    `« Trop peu de conversions pour conclure » : moins de ${min} conversions attribuées dans le mois (${model}) ; l’intervalle est affiché, mais aucun verdict sur le ROI ne s’appuie dessus.`,
  tooFewNoteOff: (min: string, model: string) =>
    `« Trop peu de conversions pour conclure » : moins de ${min} conversions attribuées dans le mois (${model}) ; un ROI calculé sur si peu de commandes peut être loin de la vraie valeur.`,
  whiskers: (interval: string, replicates: string) => `Les traits montrent l’${interval} (bootstrap sur les clients, ${replicates} réplications).`,
  whiskersLabel: (interval: string) => `${interval}`,
  lineWhiskers: (interval: string, replicates: string) => `Les traits sur le chiffre d’affaires montrent son ${interval} (bootstrap sur les clients, ${replicates} réplications).`,

  verdicts: (w) =>
    capitalize(
      [
        w.earns && `${w.earns} ${w.earnsMany ? 'ont couvert leurs' : 'a couvert ses'} coûts sous chaque modèle d’attribution`,
        w.depends && `pour ${w.depends}, cela dépend du modèle`,
        w.loses && `${w.loses} ${w.losesMany ? 'ont' : 'a'} perdu de l’argent sous chaque modèle`,
        w.uncertain && `pour ${w.uncertain}, la dispersion ne permet de conclure sous aucun modèle`,
      ]
        .filter(Boolean)
        .join(' ; '),
    ) + '.',
  tooFewChannels: (list: string, min: string) => `Trop peu de conversions pour conclure (moins de ${min}) : ${list}.`,
  conversionsOf: (name: string, conversions: string) => `${name} (${conversions})`,
  bestClear: (channel: string, roi: string, share: string) => `Meilleur canal par ROI : ${channel} (${roi}), en tête dans ${share} des rééchantillonnages.`,
  bestUnclear: (shares: string) => `Aucun canal n’a clairement le meilleur ROI : ${shares}.`,
  worstClear: (channel: string, roi: string, share: string) => `Canal le plus faible par ROI : ${channel} (${roi}), dernier dans ${share} des rééchantillonnages.`,
  worstUnclear: (shares: string) => `Aucun canal n’a clairement le plus faible ROI : ${shares}.`,
  shareFirst: (channel: string, share: string, side: 'best' | 'worst') => `${channel} est ${side === 'best' ? 'en tête' : 'dernier'} dans ${share} des rééchantillonnages`,
  shareNext: (channel: string, share: string) => `${channel} dans ${share}`,
  channelsOff: (best: string, bestRoi: string, worst: string, worstRoi: string) =>
    `ROI le plus élevé : ${best} (${bestRoi}), le plus bas : ${worst} (${worstRoi}) ; sans bootstrap, le rapport ne dit pas à quel point cet ordre est sûr.`,
  off: 'Les intervalles sont désactivés (bootstrap_replicates 0) : dans cette exécution, le rapport ne dit pas quelles campagnes et quels canaux ont avec certitude couvert leurs coûts ou perdu de l’argent.',

  bestCaption: 'Campagnes qui ont couvert leurs coûts sous chaque modèle, par ROI',
  worstCaption: 'Campagnes qui ont perdu de l’argent sous chaque modèle, par ROI',
  noBest: 'Aucune campagne n’a avec certitude couvert ses coûts sous chaque modèle ce mois-ci.',
  noWorst: 'Aucune campagne n’a avec certitude perdu de l’argent sous chaque modèle ce mois-ci.',
  unjudged: (count: number, n: string, parts: string) => `${n} ${count === 1 ? 'campagne ne permet' : 'campagnes ne permettent'} pas de conclure (${parts}).`,
  unjudgedParts: { depends_on_model: 'dépend du modèle', uncertain: 'incertain', too_few: 'trop peu de conversions' },
  unjudgedPart: (label: string, n: string) => `${label} : ${n}`,
  rankedOff: 'Sans intervalles (bootstrap_replicates 0), les deux tableaux classent par ROI seul, sans dire à quel point il est sûr.',

  budgetHeading: 'Où déplacer le budget ?',
  budgetIntro: (level: string, replicates: string) =>
    `Le rapport ne propose un déplacement que d’un canal qui perd de l’argent avec certitude sous chaque modèle d’attribution vers un canal qui couvre ses coûts avec certitude sous chaque modèle (ROI inférieur ou supérieur à 0 dans au moins ${level} des ${replicates} rééchantillonnages). Il n’indique aucun montant : le ROI d’un canal est une moyenne et ne dit pas ce que rapporterait un budget supplémentaire.`,
  budgetMove: (from: string, to: string) => `De ${from} vers ${to}.`,
  budgetOr: 'ou',
  budgetChannel: (channel: string, roi: string, interval: string, range: string) => `${channel} (ROI ${roi}, ${interval} ${range})`,
  budgetNone: (reason: NoMoveReason) =>
    `Les données de ce mois ne justifient aucun déplacement de budget : ${
      reason === 'noLoser'
        ? 'aucun canal ne perd de l’argent avec certitude sous chaque modèle'
        : reason === 'noEarner'
          ? 'aucun canal ne couvre ses coûts avec certitude sous chaque modèle'
          : 'aucun canal ne perd de l’argent avec certitude sous chaque modèle, et aucun ne couvre ses coûts avec certitude'
    }.`,
  budgetEarners: (list: string) => `Ont couvert leurs coûts avec certitude : ${list}.`,
  budgetLosers: (list: string) => `Ont perdu de l’argent avec certitude : ${list}.`,
  budgetSkipped: (list: string, min: string) => `Écartés faute de conversions suffisantes pour conclure (moins de ${min}) : ${list}.`,
  skippedChannel: (channel: string, conversions: string, verdict: string) => `${channel} (${conversions} conversions, ${verdict})`,
  budgetOff: 'Les intervalles sont désactivés (bootstrap_replicates 0) : sans eux, le rapport ne peut pas dire si un canal perd de l’argent ou couvre ses coûts avec certitude, et ne propose aucun déplacement.',
  verdictWords: {
    earns: 'couvre ses coûts',
    loses: 'perd de l’argent',
    depends_on_model: 'dépend du modèle',
    uncertain: 'incertain',
  },

  methodHeading: 'La fiabilité des chiffres : le bootstrap',
  methodText: (w) => [
    `Chaque chiffre du rapport repose sur les commandes d’un nombre limité de clients. La part de hasard (quels clients ont acheté ce mois-ci), le rapport l’estime par un bootstrap : il recalcule le mois ${w.replicates === null ? 'de nombreuses' : w.replicates} fois, et dans chacune de ces réplications chaque client compte 0, 1, 2 fois ou plus (un bootstrap de Poisson). Le nombre de fois découle d’un hachage du client (de l’identifiant de sa première commande) et du numéro de la réplication, non d’un générateur aléatoire : le même rapport donne les mêmes chiffres à chaque exécution. Toutes les commandes d’un client comptent le même nombre de fois.`,
    'Les coûts restent tels que comptabilisés dans chaque réplication ; seuls le chiffre d’affaires et les conversions varient avec les clients. Le modèle fondé sur les données conserve dans chaque réplication les parts apprises sur l’ensemble des données ; son intervalle n’inclut donc pas l’incertitude de ces parts.',
    `L’${w.interval} d’un chiffre couvre les ${w.level} centraux des réplications : ${w.tail} d’entre elles se situent en dessous et ${w.tail} au-dessus. Les tableaux l’affichent en gris sous le chiffre, les graphiques par un trait.`,
    `Sous un modèle, un ROI est supérieur à 0 avec certitude s’il dépasse 0 dans au moins ${w.level} des réplications, inférieur à 0 avec certitude dans le cas inverse. D’où le verdict sur une campagne ou un canal : « couvre ses coûts » (supérieur à 0 avec certitude sous chaque modèle), « perd de l’argent » (inférieur à 0 avec certitude sous chaque modèle), « dépend du modèle » (certain sous certains modèles, mais pas sous tous de la même façon) et « incertain » (certain sous aucun). Une campagne avec moins de ${w.min} conversions attribuées dans le mois (${w.model}) est marquée « trop peu de conversions pour conclure » : son intervalle est affiché, son verdict ne compte pas dans la vue d’ensemble.`,
  ],
  methodOff: 'Dans ce rapport, le bootstrap est désactivé (bootstrap_replicates 0) : aucun chiffre n’a d’intervalle, et il n’y a pas de verdict.',
  methodFiles: 'Calculé dans ces fichiers SQL :',
  methodFileRoles: {
    'queries/macros.sql': '`bootstrap_weight` (combien de fois un client compte dans une réplication) et `replicate_quantile` (les bornes de l’intervalle)',
    'queries/intermediate/int_bootstrap_customers.sql': 'la graine de chaque client, issue de sa première commande',
    'queries/intermediate/int_attribution_replicates.sql': 'les conversions et le chiffre d’affaires attribués à chaque campagne dans chaque réplication',
    'queries/intermediate/int_roi_replicates.sql': 'ROI, ROAS et CPA de chaque campagne, de chaque canal et du mois dans chaque réplication, avec les coûts comptabilisés',
    'queries/intermediate/int_roi_intervals.sql': 'les intervalles et les parts de réplications avec un ROI supérieur et inférieur à 0',
    'queries/marts/roi_verdicts.sql': 'les verdicts par campagne et par canal',
    'queries/marts/channel_ranking.sql': 'la fréquence à laquelle chaque canal a le ROI le plus élevé et le plus bas',
  },
  methodMetrics: 'Les définitions issues de ces fichiers, telles que les donne le tableau des indicateurs :',
  settingReplicates: 'Réplications du bootstrap',
  settingLevel: 'Intervalle',
  settingMin: 'Nombre minimal de conversions pour un verdict',
};

const MESSAGES: Record<Locale, IntervalMessages> = { de, en, fr };

export function intervalMessages(locale: Locale): IntervalMessages {
  return MESSAGES[locale];
}

/** The SQL files of the bootstrap, in the order they run. */
export const BOOTSTRAP_FILES = [
  'queries/macros.sql',
  'queries/intermediate/int_bootstrap_customers.sql',
  'queries/intermediate/int_attribution_replicates.sql',
  'queries/intermediate/int_roi_replicates.sql',
  'queries/intermediate/int_roi_intervals.sql',
  'queries/marts/roi_verdicts.sql',
  'queries/marts/channel_ranking.sql',
] as const;

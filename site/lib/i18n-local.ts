// The texts of the engagement page's organic local and channel sections: Google
// Business Profile locations and the YouTube channel from YouTube Studio, in
// German, English and French (the pattern of i18n.ts: German first, the English
// and French objects typed by it). Numbers come formatted from format.ts.

import type { Locale } from './i18n.ts';

export type YoutubeBasis = 'days' | 'videos';

const de = {
  localHeading: 'Lokal: Google Unternehmensprofil',
  localIntro:
    'Wie oft das Unternehmensprofil jedes Standorts in der Google Suche und in Google Maps gesehen wurde und was Menschen von dort aus taten: Website-Klicks, Anrufe, Routenanfragen, Buchungen und Unterhaltungen. Organische Aktivität: ohne Kosten und ohne zugeordneten Umsatz.',
  localCaption: (month: string) => `Google Unternehmensprofil je Standort im ${month}`,
  localNone: (month: string) => `Kein Export des Google Unternehmensprofils deckt den ${month} ab.`,
  localNote:
    'Profilaufrufe zählt Google je Person, Tag und Ansicht einmal. Eine Zahl, die der Export nicht nennt (etwa Buchungen ohne Buchungsanbieter), steht als nicht erfasst, nicht als 0.',
  youtubeHeading: 'YouTube-Kanal (organisch)',
  youtubeIntro:
    'Die eigenen Zahlen des Kanals aus YouTube Studio, getrennt von den bezahlten YouTube-Kampagnen in Google Ads: Aufrufe, Wiedergabezeit, neue Abonnenten, Impressionen der Vorschaubilder und deren Klickrate.',
  youtubeCaption: (month: string) => `YouTube-Kanal im ${month}`,
  youtubeNone: (month: string) => `Kein Export aus YouTube Studio deckt den ${month} ab.`,
  youtubeNote:
    'Grundlage: die Tage des Kanals, wenn ein Export nach Datum vorliegt, sonst die Videos des Monats (ein Export nach Inhalt). Neue Abonnenten sind netto, gewonnen weniger verloren. Die Gesamtzeile des Exports zählt nie mit; weicht sie von der Summe der Zeilen ab, nennt die Datenqualität sie.',
  basis: { days: 'Tage des Kanals', videos: 'Videos des Monats' } satisfies Record<YoutubeBasis, string>,
  unnamedChannel: 'Kanal ohne Namen',
  col: {
    location: 'Standort',
    profile_views: 'Profil\u00adaufrufe',
    views_search: 'davon Suche',
    views_maps: 'davon Maps',
    views_mobile: 'davon mobil',
    views_desktop: 'davon Computer',
    website_clicks: 'Website-Klicks',
    calls: 'Anrufe',
    direction_requests: 'Routen\u00adanfragen',
    bookings: 'Buchungen',
    conversations: 'Unter\u00adhaltungen',
    local_interactions: 'Inter\u00adaktionen',
    channel: 'Kanal',
    basis: 'Grundlage',
    videos: 'Videos',
    views: 'Aufrufe',
    watch_hours: 'Wiedergabe\u00adzeit (Stunden)',
    subscribers_gained: 'Neue Abonnenten',
    impressions: 'Impres\u00adsionen',
    youtube_ctr: 'Klickrate der Impres\u00adsionen',
  },
};

export type LocalMessages = typeof de;
export type LocalColumn = keyof LocalMessages['col'];

const en: LocalMessages = {
  localHeading: 'Local: Google Business Profile',
  localIntro:
    'How often each location’s Business Profile was seen on Google Search and Google Maps, and what people did from it: website clicks, calls, direction requests, bookings and conversations. Organic activity: no cost and no attributed revenue.',
  localCaption: (month: string) => `Google Business Profile per location in ${month}`,
  localNone: (month: string) => `No Google Business Profile export covers ${month}.`,
  localNote:
    'Google counts a profile view once per person, day and view. A figure the export does not give (such as bookings without a booking provider) shows as not reported, not as 0.',
  youtubeHeading: 'YouTube channel (organic)',
  youtubeIntro:
    'The channel’s own numbers from YouTube Studio, apart from the paid YouTube campaigns in Google Ads: views, watch time, subscribers gained, impressions of its thumbnails and their click-through rate.',
  youtubeCaption: (month: string) => `YouTube channel in ${month}`,
  youtubeNone: (month: string) => `No YouTube Studio export covers ${month}.`,
  youtubeNote:
    'Basis: the channel’s days when an export by date is there, else the month’s videos (an export by content). Subscribers gained are net, gained less lost. The export’s total row never counts; when it differs from the sum of the rows, the data quality page lists it.',
  basis: { days: 'Channel days', videos: 'Videos of the month' },
  unnamedChannel: 'Unnamed channel',
  col: {
    location: 'Location',
    profile_views: 'Profile views',
    views_search: 'of which Search',
    views_maps: 'of which Maps',
    views_mobile: 'of which mobile',
    views_desktop: 'of which desktop',
    website_clicks: 'Website clicks',
    calls: 'Calls',
    direction_requests: 'Direction requests',
    bookings: 'Bookings',
    conversations: 'Conver\u00adsations',
    local_interactions: 'Inter\u00adactions',
    channel: 'Channel',
    basis: 'Basis',
    videos: 'Videos',
    views: 'Views',
    watch_hours: 'Watch time (hours)',
    subscribers_gained: 'Subscribers gained',
    impressions: 'Impres\u00adsions',
    youtube_ctr: 'Impressions click-through rate',
  },
};

const fr: LocalMessages = {
  localHeading: 'Local : fiche d’établissement Google',
  localIntro:
    'Combien de fois la fiche de chaque établissement a été vue dans la recherche Google et dans Google Maps, et ce que les gens y ont fait : clics vers le site, appels, demandes d’itinéraire, réservations et conversations. Activité organique : sans coût ni chiffre d’affaires attribué.',
  localCaption: (month: string) => `Fiche d’établissement Google par établissement en ${month}`,
  localNone: (month: string) => `Aucun export de la fiche d’établissement Google ne couvre ${month}.`,
  localNote:
    'Google compte une vue du profil une fois par personne, par jour et par vue. Un chiffre que l’export ne donne pas (par exemple les réservations sans prestataire de réservation) figure comme non déclaré, pas comme 0.',
  youtubeHeading: 'Chaîne YouTube (organique)',
  youtubeIntro:
    'Les chiffres propres de la chaîne depuis YouTube Studio, à part des campagnes YouTube payantes de Google Ads : vues, durée de visionnage, nouveaux abonnés, impressions des miniatures et leur taux de clics.',
  youtubeCaption: (month: string) => `Chaîne YouTube en ${month}`,
  youtubeNone: (month: string) => `Aucun export de YouTube Studio ne couvre ${month}.`,
  youtubeNote:
    'Base : les jours de la chaîne quand un export par date est présent, sinon les vidéos du mois (un export par contenu). Les nouveaux abonnés sont nets, gagnés moins perdus. La ligne de total de l’export ne compte jamais ; quand elle diffère de la somme des lignes, la page qualité des données la signale.',
  basis: { days: 'Jours de la chaîne', videos: 'Vidéos du mois' },
  unnamedChannel: 'Chaîne sans nom',
  col: {
    location: 'Établissement',
    profile_views: 'Vues du profil',
    views_search: 'dont recherche',
    views_maps: 'dont Maps',
    views_mobile: 'dont mobile',
    views_desktop: 'dont ordinateur',
    website_clicks: 'Clics vers le site',
    calls: 'Appels',
    direction_requests: 'Demandes d’itinéraire',
    bookings: 'Réser\u00advations',
    conversations: 'Conver\u00adsations',
    local_interactions: 'Inter\u00adactions',
    channel: 'Chaîne',
    basis: 'Base',
    videos: 'Vidéos',
    views: 'Vues',
    watch_hours: 'Heures de visionnage',
    subscribers_gained: 'Nouveaux abonnés',
    impressions: 'Impres\u00adsions',
    youtube_ctr: 'Taux de clics des impressions',
  },
};

const MESSAGES: Record<Locale, LocalMessages> = { de, en, fr };

export function localMessages(locale: Locale): LocalMessages {
  return MESSAGES[locale];
}

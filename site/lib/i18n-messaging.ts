// The texts of messaging campaigns (click-to-WhatsApp, click-to-Messenger), which are
// judged on the conversations they start and their cost, not on ROI or ROAS: their
// columns, their label on the campaign page and in the tables, and the notes that
// say why (the pattern of i18n.ts: German first, English and French typed by it).

import type { Locale } from './i18n.ts';

const de = {
  col: {
    messaging_conversations: 'Begonnene Unterhaltungen',
    new_messaging_contacts: 'Neue Messaging-Kontakte',
    cost_per_conversation: 'Kosten je Unterhaltung',
  },
  /** The objective on the campaign page. */
  objectiveLabel: 'Ziel',
  objective: 'Messaging (WhatsApp, Messenger)',
  /** Under the campaign's name in the tables, instead of a verdict on ROI. */
  judgedOnConversations: 'Messaging-Kampagne: beurteilt nach Unterhaltungen',
  /** On the campaign page, before its figures. */
  campaignNotice:
    'Eine Messaging-Kampagne soll Unterhaltungen in WhatsApp oder Messenger beginnen, keine Käufe im Shop auslösen. Sie wird nach begonnenen Unterhaltungen und ihren Kosten beurteilt; ROI und ROAS stehen nur der Vollständigkeit halber da und sind kein Urteil über sie. Ihre Kosten zählen in allen Summen voll mit.',
  /** The label of ROI and ROAS in a messaging campaign's facts. */
  notAVerdict: (label: string) => `${label} (kein Urteil: Messaging-Kampagne)`,
  /** Under the month's campaign tables and the overview's rankings. */
  tableNote:
    'Messaging-Kampagnen (Click-to-WhatsApp, Click-to-Messenger) werden nach begonnenen Unterhaltungen und den Kosten je Unterhaltung beurteilt, nicht nach ROI; sie stehen nicht unter den besten und schlechtesten Kampagnen. Ihre Kosten zählen in allen Summen.',
  rankingNote: (names: string) => `Nicht nach ROI gereiht, weil nach Unterhaltungen beurteilt: ${names}.`,
};

export type MessagingMessages = typeof de;

const en: MessagingMessages = {
  col: {
    messaging_conversations: 'Conversations started',
    new_messaging_contacts: 'New messaging contacts',
    cost_per_conversation: 'Cost per conversation',
  },
  objectiveLabel: 'Objective',
  objective: 'Messaging (WhatsApp, Messenger)',
  judgedOnConversations: 'Messaging campaign: judged on conversations',
  campaignNotice:
    'A messaging campaign is meant to start conversations in WhatsApp or Messenger, not to bring purchases in the shop. It is judged on the conversations it started and their cost; ROI and ROAS are shown for completeness only and are no verdict on it. Its costs count in full in every total.',
  notAVerdict: (label: string) => `${label} (no verdict: messaging campaign)`,
  tableNote:
    'Messaging campaigns (click-to-WhatsApp, click-to-Messenger) are judged on conversations started and the cost per conversation, not on ROI; they are not among the best and worst campaigns. Their costs count in every total.',
  rankingNote: (names: string) => `Not ranked by ROI, as judged on conversations: ${names}.`,
};

const fr: MessagingMessages = {
  col: {
    messaging_conversations: 'Conversations commencées',
    new_messaging_contacts: 'Nouveaux contacts de messagerie',
    cost_per_conversation: 'Coût par conversation',
  },
  objectiveLabel: 'Objectif',
  objective: 'Messagerie (WhatsApp, Messenger)',
  judgedOnConversations: 'Campagne de messagerie : jugée sur les conversations',
  campaignNotice:
    'Une campagne de messagerie doit faire commencer des conversations dans WhatsApp ou Messenger, pas déclencher des achats dans la boutique. Elle est jugée sur les conversations commencées et leur coût ; le ROI et le ROAS ne figurent que pour être complets et ne sont pas un verdict sur elle. Ses coûts comptent entièrement dans tous les totaux.',
  notAVerdict: (label: string) => `${label} (pas de verdict : campagne de messagerie)`,
  tableNote:
    'Les campagnes de messagerie (click-to-WhatsApp, click-to-Messenger) sont jugées sur les conversations commencées et le coût par conversation, pas sur le ROI ; elles ne figurent pas parmi les meilleures et les moins bonnes campagnes. Leurs coûts comptent dans tous les totaux.',
  rankingNote: (names: string) => `Non classées selon le ROI, car jugées sur les conversations : ${names}.`,
};

const MESSAGES: Record<Locale, MessagingMessages> = { de, en, fr };

export function messagingMessages(locale: Locale): MessagingMessages {
  return MESSAGES[locale];
}

/** Whether a campaign row is a messaging campaign (int_campaign_objectives). */
export function isMessaging(row: { objective?: string | null }): boolean {
  return row.objective === 'messaging';
}

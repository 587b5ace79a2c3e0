import type { MessageStatus } from './message.js';

/**
 * Where an outbound message came from, and what Bitrix24 hears about it afterwards: the open line chat
 * (the spec's "Which outgoing messages appear in the open line chat" table), an operator's delivery and
 * read marks, a robot's result, an SMS status. Pure functions, shared by the activities and their tests.
 */

export const OUTGOING_SOURCES = ['api', 'operator', 'robot', 'sms', 'mailing', 'phone', 'auto'] as const;
export type OutgoingSource = (typeof OUTGOING_SOURCES)[number];

/** Stored with the message at acceptance; plain JSON. */
export interface MessageOrigin {
  source: OutgoingSource;
  /** The portal the request came from (operator, robot, SMS); otherwise the connector's portal. */
  memberId?: string;
  /** The request's own switch: the API's `publishToChat`, the robot's `create_chat`. */
  postToChat?: boolean;
  /** Operator replies: the Bitrix24 message (OnImConnectorMessageAdd `im`), its line and external chat id. */
  im?: { chatId: number; messageId: number };
  line?: number;
  chatId?: string;
  /** Robot runs: the single-use token `bizproc.event.send` answers with. */
  eventToken?: string;
  /** SMS provider: the sender code and Bitrix24's message id for `messageservice.message.status.update`. */
  sms?: { code: string; messageId: string };
}

export interface ChatSwitches {
  publishOutgoing: boolean;
  createChatOnSmsProvider: boolean;
  createChatOnSmsMailing: boolean;
}

/** The spec's table: whether a sent message is posted into the open line chat. Operator replies are there already. */
export function postsToChat(origin: Pick<MessageOrigin, 'source' | 'postToChat'>, chats: ChatSwitches): boolean {
  if (!chats.publishOutgoing) return false;
  switch (origin.source) {
    case 'operator':
      return false;
    case 'phone':
    case 'auto':
      return true;
    case 'robot':
    case 'api':
      return origin.postToChat !== false;
    case 'sms':
      return chats.createChatOnSmsProvider;
    case 'mailing':
      return chats.createChatOnSmsMailing;
  }
}

/** How a company-side message is introduced in the chat, so operators see where it came from. */
export const CHAT_PREFIX: Record<OutgoingSource, string> = {
  api: 'WhatsApp (API)',
  operator: 'WhatsApp',
  robot: 'WhatsApp (робот)',
  sms: 'WhatsApp (SMS)',
  mailing: 'WhatsApp (рассылка)',
  phone: 'WhatsApp (телефон)',
  auto: 'WhatsApp (автоответ)',
};

/** Something Bitrix24 is told once, at most: each is claimed by a unique insert before it is done. */
export type FollowUpStep = 'chat' | 'delivery' | 'reading' | 'failure_notice' | 'robot_result' | 'sms_queued' | 'sms_sent' | 'sms_delivered' | 'sms_failed';

const SENT: readonly MessageStatus[] = ['sent', 'delivered', 'read'];
const DELIVERED: readonly MessageStatus[] = ['delivered', 'read'];
const ENDED: readonly MessageStatus[] = ['failed', 'cancelled'];

/**
 * The steps due for a message in `status`, in the order Bitrix24 should hear them, and whether nothing
 * more will ever be due (the follow-up may end). Steps already done are skipped by their claims.
 */
export function followUpPlan(source: OutgoingSource, status: MessageStatus): { steps: FollowUpStep[]; complete: boolean } {
  const sent = SENT.includes(status);
  const ended = ENDED.includes(status);
  switch (source) {
    case 'operator':
      return {
        steps: [...(DELIVERED.includes(status) ? (['delivery'] as const) : []), ...(status === 'read' ? (['reading'] as const) : []), ...(ended ? (['failure_notice'] as const) : [])],
        complete: status === 'read' || ended,
      };
    case 'robot':
      return { steps: [...(sent ? (['chat'] as const) : []), ...(sent || ended ? (['robot_result'] as const) : [])], complete: sent || ended };
    case 'sms':
    case 'mailing':
      return {
        steps: ['sms_queued', ...(sent ? (['chat', 'sms_sent'] as const) : []), ...(DELIVERED.includes(status) ? (['sms_delivered'] as const) : []), ...(ended ? (['sms_failed'] as const) : [])],
        complete: DELIVERED.includes(status) || ended,
      };
    default:
      return { steps: sent ? ['chat'] : [], complete: sent || ended };
  }
}

/**
 * An operator's BB-code text as WhatsApp shows it (§4.3): `[br]` a newline, bold / italic / strike as
 * WhatsApp's own markers (so the `[b]Name:[/b]` signature stays the operator's name line), links as
 * "label (url)", any other tag dropped.
 */
export function whatsAppText(bb: string): string {
  return bb
    .replace(/\[br\]/gi, '\n')
    .replace(/\[url=([^\]]+)\]([\s\S]*?)\[\/url\]/gi, (_all, url: string, label: string) => (label && label !== url ? `${label} (${url})` : url))
    .replace(/\[b\]([\s\S]*?)\[\/b\]/gi, '*$1*')
    .replace(/\[i\]([\s\S]*?)\[\/i\]/gi, '_$1_')
    .replace(/\[s\]([\s\S]*?)\[\/s\]/gi, '~$1~')
    .replace(/\[\/?[a-z*]+(?:=[^\]]*)?\]/gi, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/** Why a message failed, in words an operator reads in the chat. */
export function failureText(reason: string | undefined, detail?: string): string {
  switch (reason) {
    case 'not_on_whatsapp':
      return 'the number is not on WhatsApp';
    case 'send_ttl_expired':
      return 'the WhatsApp account stayed disconnected for too long';
    case 'connector_removed':
      return 'the WhatsApp connector was removed';
    case undefined:
      return detail ?? 'it was cancelled';
    default:
      return detail ? `WhatsApp refused it (${detail})` : 'WhatsApp refused it';
  }
}

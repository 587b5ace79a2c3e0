import {
  NewChatMessageCappingStatusType,
  ReachoutTimelockEnforcementType,
  WAMessageStatus,
  type NewChatMessageCapInfo,
  type ReachoutTimelockState,
  type WAMessageUpdate,
} from '@whiskeysockets/baileys';
import type { TransportEvent } from '../transport.js';

export type RestrictionEvent = Extract<TransportEvent, { type: 'restriction' }>;

/** Server ack error on a message we sent: WhatsApp restricts the account from reaching out to new chats. */
const ACCOUNT_RESTRICTED_ACK = '463';
/** IQ error code/text WhatsApp answers queries with when the account sends too fast. */
const RATE_OVERLIMIT_CODE = 429;
const RATE_OVERLIMIT_TEXT = 'rate-overlimit';
/** Millisecond timestamps are 13 digits until 2286; anything smaller is in seconds. */
const MS_THRESHOLD = 1e12;

/**
 * `connection.update.reachoutTimeLock` while active: WhatsApp blocks outgoing messages and calls to
 * new contacts until `timeEnforcementEnds`. Lifting it (isActive false) is not a restriction.
 */
export function restrictionFromTimeLock(lock: ReachoutTimelockState | undefined): RestrictionEvent | undefined {
  if (!lock?.isActive) return undefined;
  const type = lock.enforcementType;
  const reason = type && type !== ReachoutTimelockEnforcementType.DEFAULT ? `reachout_time_lock:${type}` : 'reachout_time_lock';
  const until = lock.timeEnforcementEnds?.getTime();
  return { type: 'restriction', reason, ...(until !== undefined && { until }) };
}

function timestampMs(value: string | undefined): number | undefined {
  const number = Number(value);
  if (!value || !Number.isFinite(number) || number <= 0) return undefined;
  return number < MS_THRESHOLD ? number * 1000 : number;
}

/** `message-capping.update`: only CAPPED stops new chats; the warnings before it do not. */
export function restrictionFromMessageCap(info: NewChatMessageCapInfo): RestrictionEvent | undefined {
  if (info.capping_status !== NewChatMessageCappingStatusType.CAPPED) return undefined;
  const until = timestampMs(info.cycle_end_timestamp);
  return { type: 'restriction', reason: 'new_chat_message_cap', ...(until !== undefined && { until }) };
}

/** A `messages.update` ERROR with ack code 463 on one of our messages. */
export function restrictionFromMessageUpdate({ key, update }: WAMessageUpdate): RestrictionEvent | undefined {
  if (!key.fromMe || update.status !== WAMessageStatus.ERROR) return undefined;
  const [code] = (update.messageStubParameters ?? []) as unknown[];
  return String(code) === ACCOUNT_RESTRICTED_ACK ? { type: 'restriction', reason: 'account_restricted' } : undefined;
}

/** Baileys has no event for rate limits: they surface as the Boom a query (and so a send) rejects with. */
export function restrictionFromSendError(error: unknown): RestrictionEvent | undefined {
  const { message, data } = (error ?? {}) as { message?: unknown; data?: unknown };
  const overLimit = data === RATE_OVERLIMIT_CODE || message === RATE_OVERLIMIT_TEXT;
  return overLimit ? { type: 'restriction', reason: 'rate_overlimit' } : undefined;
}

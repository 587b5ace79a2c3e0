import { toNumber, WAMessageStubType, type WACallEvent, type WAMessage } from '@whiskeysockets/baileys';
import type { CallOutcome, ContactRef, TransportEvent } from '../transport.js';
import { contactFromCall, contactFromKey, isPersonalChat } from './jid.js';

export type CallEvent = Extract<TransportEvent, { type: 'call' }>;

interface CallRecord {
  from: ContactRef;
  startedAt: number;
  offline: boolean;
  outcome?: CallOutcome;
}

/**
 * How a call ended. `terminate` also follows an accept or a reject, so it only means "missed" when
 * neither came first (the caller hung up while it rang).
 */
const OUTCOME_OF_STATUS: Partial<Record<WACallEvent['status'], CallOutcome>> = {
  accept: 'answered',
  reject: 'rejected',
  timeout: 'missed',
  terminate: 'missed',
};

/** Group calls (CALL_MISSED_GROUP_*) are not Open Line conversations. */
const MISSED_CALL_STUBS = new Set<number>([WAMessageStubType.CALL_MISSED_VOICE, WAMessageStubType.CALL_MISSED_VIDEO]);

export function isMissedCallStub(message: WAMessage): boolean {
  return MISSED_CALL_STUBS.has(message.messageStubType ?? -1);
}

export interface CallTracker {
  /** Feeds one item of a Baileys `call` event; returns the outcome once per call. */
  onCall(call: WACallEvent): CallEvent | undefined;
  /** Feeds a `messages.upsert` item; the CALL_MISSED_* stub is how a call missed while we were away shows up. */
  onMissedCallStub(message: WAMessage, offline: boolean): CallEvent | undefined;
  /**
   * Once WhatsApp has replayed what happened while we were offline: an offline offer still without an
   * outcome rang while nobody was connected and is long over, so it was missed (WhatsApp sometimes
   * replays the offer alone, with no timeout, terminate or stub after it).
   */
  concludeOffline(): CallEvent[];
}

/**
 * Call events repeat (offer, ringing, transport, terminate…) and also arrive as a missed-call stub
 * message with the call id as its message id; each call is reported once. The memory of calls is
 * bounded: the oldest are forgotten first.
 */
export function createCallTracker(capacity = 1000): CallTracker {
  const calls = new Map<string, CallRecord>();

  function remember(id: string, record: CallRecord): CallRecord {
    calls.set(id, record);
    const oldest = calls.keys().next();
    if (calls.size > capacity && !oldest.done) calls.delete(oldest.value);
    return record;
  }

  function finish(id: string, record: CallRecord, outcome: CallOutcome): CallEvent | undefined {
    if (record.outcome) return undefined;
    record.outcome = outcome;
    return { type: 'call', id, from: record.from, outcome, offline: record.offline, timestamp: record.startedAt };
  }

  function recordOf(call: WACallEvent): CallRecord {
    const known = calls.get(call.id);
    if (known) return known;
    return remember(call.id, { from: contactFromCall(call), startedAt: call.date.getTime(), offline: call.offline });
  }

  return {
    onCall(call) {
      if (call.isGroup || call.groupJid) return undefined;
      const record = recordOf(call);
      const outcome = OUTCOME_OF_STATUS[call.status];
      return outcome ? finish(call.id, record, outcome) : undefined;
    },
    onMissedCallStub(message, offline) {
      const { key } = message;
      if (!key.id || !isMissedCallStub(message) || !isPersonalChat(key.remoteJid)) return undefined;
      const record = calls.get(key.id) ?? remember(key.id, { from: contactFromKey(key), startedAt: toNumber(message.messageTimestamp) * 1000, offline });
      return finish(key.id, record, 'missed');
    },
    concludeOffline() {
      return [...calls].flatMap(([id, record]) => (record.offline && !record.outcome ? (finish(id, record, 'missed') ?? []) : []));
    },
  };
}

import { allHandlersFinished, condition, continueAsNew, log, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ChatMemory } from '../activities/chat/index.js';
import { forwardActivities } from './bitrix24-activities.js';
import { chatActivities } from './chat/activities.js';
import { ChatDuties } from './chat/session.js';
import * as messages from './messages.js';

/** A record the chat must handle: a client event (`voice` for voice notes) or an unanswered call. */
export interface ChatItem {
  kind: 'event' | 'voice' | 'call';
  id: string;
}

/** Carried across continue-as-new: plain JSON, ids only (no message bodies in history). */
export interface ChatWorkflowInput {
  version: 2;
  connectorId: string;
  contactId: string;
  /** Records not yet handled, in arrival order. */
  pending?: ChatItem[];
  /** Recently handled ids: a repeated signal (a host re-signalling after a crash) is dropped. */
  seen?: string[];
  /** Autoreply times and the bot's state; read from MongoDB when a run starts without it. */
  memory?: ChatMemory;
  /** An operator's reply arrived and is not applied yet. */
  operatorReplied?: boolean;
}

/** How long a chat stays open without traffic before the workflow completes (the next event restarts it). */
const QUIET_PERIOD = '15m';
const SEEN_LIMIT = 200;

/**
 * One client's chat on one connector (`chat:<connectorId>:<contactId>`), signal-with-started by the
 * session host for each stored event and unanswered call, and by the operator-reply path. Client
 * events are forwarded to Bitrix24 one at a time, in the order they were stored; then the
 * autoresponders and the bot (chat/session.ts) act on them. Completes after a quiet period.
 */
export async function chatWorkflow(input: ChatWorkflowInput): Promise<void> {
  const pending = [...(input.pending ?? [])];
  const seen = [...(input.seen ?? [])];
  let operatorReplied = input.operatorReplied ?? false;
  const enqueue = (kind: ChatItem['kind']) => (id: string) => {
    if (!seen.includes(id) && !pending.some((item) => item.id === id)) pending.push({ kind, id });
  };
  setHandler(messages.inboundEventSignal, enqueue('event'));
  setHandler(messages.voiceMessageSignal, enqueue('voice'));
  setHandler(messages.missedCallSignal, enqueue('call'));
  setHandler(messages.operatorRepliedSignal, () => void (operatorReplied = true));

  const duties = new ChatDuties(input.connectorId, input.contactId, input.memory ?? (await chatActivities.loadChatMemory(input.connectorId, input.contactId)));
  while (!workflowInfo().continueAsNewSuggested) {
    if (!(await condition(() => pending.length > 0 || operatorReplied, QUIET_PERIOD))) break;
    if (operatorReplied) {
      operatorReplied = false;
      await duties.operatorReplied();
      continue;
    }
    const item = pending[0]!;
    try {
      await handle(duties, item);
    } catch (err) {
      // The record keeps its stored status for ops; the chat goes on.
      log.warn('a chat record was not fully handled', { item, error: String(err) });
    }
    pending.shift();
    seen.push(item.id);
    if (seen.length > SEEN_LIMIT) seen.splice(0, seen.length - SEEN_LIMIT);
  }
  await condition(allHandlersFinished);
  if (pending.length === 0 && !operatorReplied && !workflowInfo().continueAsNewSuggested) return;
  await continueAsNew<typeof chatWorkflow>({ ...input, pending, seen, memory: duties.memory, operatorReplied });
}

async function handle(duties: ChatDuties, item: ChatItem): Promise<void> {
  if (item.kind === 'call') return duties.missedCall(item.id);
  try {
    await forwardActivities.forwardInbound(item.id);
  } catch (err) {
    // The event keeps its stored status (failed, unknown or still pending) for ops; the answers still go out.
    log.warn('a client event was not forwarded', { eventId: item.id, error: String(err) });
  }
  if (item.kind === 'voice') await duties.voiceMessage(item.id);
  await duties.botMessage(item.id);
}

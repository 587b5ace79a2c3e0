import { allHandlersFinished, condition, continueAsNew, log, setHandler, workflowInfo } from '@temporalio/workflow';
import { forwardActivities } from './bitrix24-activities.js';
import * as messages from './messages.js';

/** Carried across continue-as-new: plain JSON, ids only (no message bodies in history). */
export interface ChatWorkflowInput {
  version: 1;
  connectorId: string;
  contactId: string;
  /** Stored events not yet forwarded, in arrival order. */
  pending?: string[];
  /** Recently forwarded event ids: a repeated signal (a host re-signalling after a crash) is dropped. */
  seen?: string[];
}

/** How long a chat stays open without traffic before the workflow completes (the next event restarts it). */
const QUIET_PERIOD = '15m';
const SEEN_LIMIT = 200;

/**
 * One client's chat on one connector (`chat:<connectorId>:<contactId>`), signal-with-started by the
 * session host for each stored event. It forwards the events to Bitrix24 one at a time, in the order
 * they were stored, and completes after a quiet period. The autoresponder and bot issues add their
 * duties here.
 */
export async function chatWorkflow(input: ChatWorkflowInput): Promise<void> {
  const pending = [...(input.pending ?? [])];
  const seen = [...(input.seen ?? [])];
  setHandler(messages.inboundEventSignal, (eventId) => {
    if (!seen.includes(eventId) && !pending.includes(eventId)) pending.push(eventId);
  });

  while (!workflowInfo().continueAsNewSuggested) {
    if (!(await condition(() => pending.length > 0, QUIET_PERIOD))) break;
    const eventId = pending[0]!;
    try {
      await forwardActivities.forwardInbound(eventId);
    } catch (err) {
      // The event keeps its stored status (failed, unknown or still pending) for ops; the chat goes on.
      log.warn('a client event was not forwarded', { eventId, error: String(err) });
    }
    pending.shift();
    seen.push(eventId);
    if (seen.length > SEEN_LIMIT) seen.splice(0, seen.length - SEEN_LIMIT);
  }
  await condition(allHandlersFinished);
  if (pending.length === 0 && !workflowInfo().continueAsNewSuggested) return;
  await continueAsNew<typeof chatWorkflow>({ ...input, pending, seen });
}

import {
  allHandlersFinished,
  ChildWorkflowFailure,
  condition,
  continueAsNew,
  executeChild,
  ParentClosePolicy,
  setHandler,
  WorkflowIdReusePolicy,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Lane } from '../domain/message.js';
import type { OutboxView, PacingIntervals } from '../domain/outbound.js';
import { outboundActivities } from './activities.js';
import { searchAttributes, workflowIds } from './constants.js';
import { afterSend, initialPacing, nextRelease, type PacingState } from './logic/pacing.js';
import { enqueuedSignal, outboxStateQuery, setPacingSignal } from './messages.js';
import { sendMessageWorkflow } from './send-message.js';

/** Carried across continue-as-new: plain JSON, no backlog (that stays in MongoDB). */
export interface OutboxInput {
  version: 1;
  connectorId: string;
  pacing?: PacingState;
}

/** Ids of each lane held at once; the rest of the backlog is read when these are gone. */
const PAGE_SIZE = 50;
/** The queue is re-read at least this often, in case an `enqueued` signal was lost. */
const REREAD_MS = 3 * 60_000;

/**
 * The account's pacer (`outbox:<connectorId>`, signal-with-started by every accepted message). Releases
 * one message at a time as a send workflow and awaits it, so sends leave in order, regular before
 * marketing, each ≥ `sendMs` after the previous send (marketing also ≥ `marketingMs` after the previous
 * marketing send). While a send waits for a connection or a restriction, the whole account waits.
 */
export async function outboxWorkflow(input: OutboxInput): Promise<void> {
  const { connectorId } = input;
  let pacing = input.pacing ?? initialPacing();
  let queue: Record<Lane, string[]> = { regular: [], marketing: [] };
  let full: Record<Lane, boolean> = { regular: false, marketing: false };
  let loadedAt = -Infinity;
  let queueStale = true;
  let intervals: PacingIntervals | undefined;
  let woken = false;
  let sending: string | undefined;
  let waiting: OutboxView['waiting'];

  setHandler(enqueuedSignal, () => void ((queueStale = true), (woken = true)));
  setHandler(setPacingSignal, () => void ((intervals = undefined), (woken = true)));
  setHandler(outboxStateQuery, () => ({ ...pacing, sending, waiting, queued: { regular: queue.regular.length, marketing: queue.marketing.length } }));

  while (!workflowInfo().continueAsNewSuggested) {
    const drained = (lane: Lane) => queue[lane].length === 0 && full[lane];
    if (queueStale || Date.now() - loadedAt >= REREAD_MS || drained('regular') || drained('marketing')) {
      queueStale = false;
      const page = await outboundActivities.loadQueue(connectorId, PAGE_SIZE);
      if (page.removed) {
        await outboundActivities.failQueued(connectorId, 'connector_removed');
        return;
      }
      queue = { regular: page.regular, marketing: page.marketing };
      full = { regular: page.regular.length === PAGE_SIZE, marketing: page.marketing.length === PAGE_SIZE };
      loadedAt = Date.now();
    }
    const waitingLanes = { regular: queue.regular.length > 0, marketing: queue.marketing.length > 0 };
    // Read before each deadline is computed, so a saved interval applies to the very next send.
    if (!intervals && (waitingLanes.regular || waitingLanes.marketing)) intervals = await outboundActivities.pacingIntervals(connectorId);
    const release = intervals ? nextRelease(pacing, intervals, waitingLanes, Date.now()) : ({ kind: 'idle' } as const);
    if (release.kind !== 'send' || !intervals) {
      waiting = release.kind === 'wait' ? release.reason : 'messages';
      woken = false;
      const until = release.kind === 'wait' ? release.until : Infinity;
      await condition(() => woken, Math.max(1, Math.min(until - Date.now(), loadedAt + REREAD_MS - Date.now())));
      continue;
    }
    waiting = undefined;
    const messageId = queue[release.lane].shift()!;
    const used = intervals;
    sending = messageId;
    const sentAt = await send(messageId, release.lane);
    sending = undefined;
    if (sentAt !== undefined) pacing = afterSend(pacing, used, release.lane, sentAt, Math.random());
    // Settings may have changed while the send ran; the next deadline uses what is saved then.
    intervals = undefined;
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof outboxWorkflow>({ version: 1, connectorId, pacing });

  /** Runs one send workflow to its end; when the message may have left, the time the gap counts from. */
  async function send(messageId: string, lane: Lane): Promise<number | undefined> {
    try {
      const result = await executeChild(sendMessageWorkflow, {
        workflowId: workflowIds.send(connectorId, messageId),
        args: [{ connectorId, messageId }],
        // A continue-as-new of the outbox must not stop a send halfway.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [
          { key: searchAttributes.connectorId, value: connectorId },
          { key: searchAttributes.lane, value: lane },
        ],
      });
      return result.sentAt;
    } catch (err) {
      // Already started: an earlier run of this outbox released it, so it is handled; keep the gap to be safe.
      if (err instanceof WorkflowExecutionAlreadyStartedError) return Date.now();
      // Terminated or cancelled by ops: whatever it did is unknown, so the message is failed if it was
      // still unsent, and the gap is kept.
      if (err instanceof ChildWorkflowFailure) {
        await outboundActivities.failMessage(messageId, 'whatsapp_error', 'the send workflow was stopped');
        return Date.now();
      }
      throw err;
    }
  }
}

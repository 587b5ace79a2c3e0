import { allHandlersFinished, condition, continueAsNew, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { WhatsAppChange } from '../activities/outgoing/operator-events.js';
import { hostActivities, outboundActivities } from './activities.js';
import { outgoingActivities } from './bitrix24-activities.js';
import * as messages from './messages.js';

/** Without a nudge, a follow-up still looks at its message this often (a cancel, a lost signal). */
const REREAD = '30m';
/** After this long nothing more is expected (an operator reply that is never read). */
const FOLLOW_UP_MS = 7 * 24 * 3_600_000;

/**
 * `follow-up:<connectorId>:<messageId>`, started at acceptance for messages Bitrix24 hears about again:
 * the chat post, an operator's delivery and read marks or failure notice, a robot's result, an SMS's
 * statuses. Each look runs the steps due for the status (each claimed once, so repeats are harmless);
 * the send workflow and recorded receipts nudge it, so it reads right after each change.
 */
export async function messageFollowUpWorkflow(input: { connectorId: string; messageId: string; startedAt?: number }): Promise<void> {
  let nudged = false;
  setHandler(messages.messageProgressSignal, () => void (nudged = true));
  const startedAt = input.startedAt ?? Date.now();
  while (!workflowInfo().continueAsNewSuggested) {
    nudged = false;
    const { complete } = await outgoingActivities.followUp(input.messageId);
    if (complete || Date.now() - startedAt > FOLLOW_UP_MS) return;
    await condition(() => nudged, REREAD);
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof messageFollowUpWorkflow>({ ...input, startedAt });
}

/** How long an edit or deletion waits for the account to be connected before it is given up. */
const CHANGE_ATTEMPTS = 20;
const CHANGE_RETRY = '30s';

/**
 * `bitrix24-request:<recordId>`: started by the handler once an operator event, robot run or SMS is
 * recorded (Bitrix24 never retries, so the record is the request). New messages go into the outbound
 * pipeline (whose follow-up reports back); an operator's edit or deletion is made on WhatsApp here, on
 * the session host holding the account, and confirmed to Bitrix24.
 */
export async function bitrix24RequestWorkflow(input: { recordId: string }): Promise<void> {
  const { changes } = await outgoingActivities.acceptBitrix24Request(input.recordId);
  for (const change of changes) {
    if (await applyChange(change)) await outgoingActivities.confirmChange(change);
  }
}

async function applyChange(change: WhatsAppChange): Promise<boolean> {
  for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
    const route = await outboundActivities.accountRoute(change.connectorId);
    if (!route.exists) return false;
    if (route.state === 'connected' && route.sessionHost) {
      try {
        const outcome = await hostActivities(route.sessionHost).changeMessage(change);
        if (outcome !== 'not_connected') return outcome === 'done';
      } catch {
        // The host went away mid-call; WhatsApp applies an edit or deletion idempotently, so try again.
      }
    }
    await sleep(CHANGE_RETRY);
  }
  return false;
}

/**
 * `connector-registrations:<connectorId>`: signal-with-started when a connector is created, renamed or
 * removed, or its settings are saved. Each pass re-reads the current state (robot connector options in
 * every portal, the connector's SMS sender), so a burst of changes ends in one more pass.
 */
export async function connectorRegistrationsWorkflow(input: { connectorId: string }): Promise<void> {
  let dirty = true;
  setHandler(messages.connectorChangedSignal, () => void (dirty = true));
  while (dirty) {
    dirty = false;
    await outgoingActivities.syncConnectorRegistrations(input.connectorId);
    await condition(() => dirty, '1s');
  }
}

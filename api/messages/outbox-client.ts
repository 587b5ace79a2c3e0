import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { searchAttributes, workflowIds } from '../../workflows/constants.js';
import { enqueuedSignal, setPacingSignal } from '../../workflows/messages.js';
import type { outboxWorkflow } from '../../workflows/outbox.js';

/** The api's two touches of an account's pacer (`outbox:<connectorId>`). */

/** Wakes the pacer for a message already stored, starting the pacer if the account has none yet. */
export async function signalEnqueued(temporal: Client, orchestratorQueue: string, connectorId: string): Promise<void> {
  await temporal.workflow.signalWithStart<typeof outboxWorkflow>('outboxWorkflow', {
    workflowId: workflowIds.outbox(connectorId),
    taskQueue: orchestratorQueue,
    args: [{ version: 1, connectorId }],
    signal: enqueuedSignal,
    signalArgs: [],
    typedSearchAttributes: [{ key: searchAttributes.connectorId, value: connectorId }],
  });
}

/**
 * Tells the pacer that the saved intervals changed, so a wait in progress is recomputed at once. An
 * account that never sent has no pacer, and reads the intervals when it starts.
 */
export async function signalPacingChanged(temporal: Client, connectorId: string): Promise<void> {
  try {
    await temporal.workflow.getHandle(workflowIds.outbox(connectorId)).signal(setPacingSignal);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type { attentionsWorkflow, lineBindingWorkflow } from '../../workflows/bitrix24.js';
import type { connectorRegistrationsWorkflow } from '../../workflows/follow-up.js';
import { workflowIds } from '../../workflows/constants.js';
import { connectorChangedSignal, lineChangedSignal } from '../../workflows/messages.js';

/** The connector service's hook: a connector's line changed (or it was created on one, or removed). */
export function lineBindingHook(temporal: Client, orchestratorQueue: string) {
  return async (connectorId: string): Promise<void> => {
    await temporal.workflow.signalWithStart<typeof lineBindingWorkflow>('lineBindingWorkflow', {
      workflowId: workflowIds.lineBinding(connectorId),
      taskQueue: orchestratorQueue,
      args: [{ connectorId }],
      signal: lineChangedSignal,
    });
  };
}

/** The connector service's hook: a connector was created, renamed, removed or its settings saved. */
export function connectorRegistrationsHook(temporal: Client, orchestratorQueue: string) {
  return async (connectorId: string): Promise<void> => {
    await temporal.workflow.signalWithStart<typeof connectorRegistrationsWorkflow>('connectorRegistrationsWorkflow', {
      workflowId: workflowIds.connectorRegistrations(connectorId),
      taskQueue: orchestratorQueue,
      args: [{ connectorId }],
      signal: connectorChangedSignal,
    });
  };
}

/** Starts the periodic attention delivery unless it already runs (every api process calls this at start). */
export async function ensureAttentionDelivery(temporal: Client, queues: { prefix: string; orchestrator: string }, intervalMs = 30_000): Promise<void> {
  await temporal.workflow.start<typeof attentionsWorkflow>('attentionsWorkflow', {
    workflowId: workflowIds.attentions(queues.prefix),
    taskQueue: queues.orchestrator,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    args: [{ intervalMs }],
  });
}

import type { Client } from '@temporalio/client';
import type { chatWorkflow } from '../../workflows/chat.js';
import { searchAttributes, workflowIds } from '../../workflows/constants.js';
import { inboundEventSignal } from '../../workflows/messages.js';

/** Signal-with-start of the chat workflow: starts it if the chat was quiet, else queues the event in it. */
export function chatSignaller(temporal: Client, orchestratorQueue: string) {
  return async (connectorId: string, contactId: string, eventId: string): Promise<void> => {
    await temporal.workflow.signalWithStart<typeof chatWorkflow, [string]>('chatWorkflow', {
      workflowId: workflowIds.chat(connectorId, contactId),
      taskQueue: orchestratorQueue,
      args: [{ version: 1, connectorId, contactId }],
      signal: inboundEventSignal,
      signalArgs: [eventId],
      typedSearchAttributes: [{ key: searchAttributes.connectorId, value: connectorId }],
    });
  };
}

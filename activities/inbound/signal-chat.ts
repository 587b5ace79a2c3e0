import type { Client } from '@temporalio/client';
import type { chatWorkflow } from '../../workflows/chat.js';
import { searchAttributes, workflowIds } from '../../workflows/constants.js';
import { inboundEventSignal, missedCallSignal, operatorRepliedSignal, voiceMessageSignal } from '../../workflows/messages.js';

/** Which of the chat's signals a stored record is announced with. */
export type ChatSignalKind = 'inbound' | 'voice' | 'call';

const SIGNALS = { inbound: inboundEventSignal, voice: voiceMessageSignal, call: missedCallSignal } as const;

/** Signal-with-start of the chat workflow: starts it if the chat was quiet, else queues the record in it. */
export function chatSignaller(temporal: Client, orchestratorQueue: string) {
  return async (connectorId: string, contactId: string, eventId: string, kind: ChatSignalKind = 'inbound'): Promise<void> => {
    await temporal.workflow.signalWithStart<typeof chatWorkflow, [string]>('chatWorkflow', {
      workflowId: workflowIds.chat(connectorId, contactId),
      taskQueue: orchestratorQueue,
      args: [{ version: 2, connectorId, contactId }],
      signal: SIGNALS[kind],
      signalArgs: [eventId],
      typedSearchAttributes: [{ key: searchAttributes.connectorId, value: connectorId }],
    });
  };
}

/**
 * For the operator-reply path: an operator answered this client in the open line, so the bot steps
 * out of the dialog. Signal-with-start, because the chat may have completed for quiet meanwhile; the
 * workflow stores the bot's new state before it completes again.
 */
export async function signalOperatorReplied(temporal: Client, orchestratorQueue: string, connectorId: string, contactId: string): Promise<void> {
  await temporal.workflow.signalWithStart<typeof chatWorkflow, []>('chatWorkflow', {
    workflowId: workflowIds.chat(connectorId, contactId),
    taskQueue: orchestratorQueue,
    args: [{ version: 2, connectorId, contactId }],
    signal: operatorRepliedSignal,
    signalArgs: [],
    typedSearchAttributes: [{ key: searchAttributes.connectorId, value: connectorId }],
  });
}

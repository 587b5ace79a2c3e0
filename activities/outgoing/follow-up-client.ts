import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { MessageModel } from '../../storage/models/message.js';
import { searchAttributes, workflowIds } from '../../workflows/constants.js';
import type { messageFollowUpWorkflow } from '../../workflows/follow-up.js';
import { messageProgressSignal } from '../../workflows/messages.js';

/**
 * Starts a message's follow-up (`follow-up:<connectorId>:<messageId>`) once: a completed follow-up is
 * never started again, so a repeated acceptance cannot report twice.
 */
export async function startFollowUp(temporal: Client, orchestratorQueue: string, connectorId: string, messageId: string): Promise<void> {
  try {
    await temporal.workflow.start<typeof messageFollowUpWorkflow>('messageFollowUpWorkflow', {
      workflowId: workflowIds.followUp(connectorId, messageId),
      taskQueue: orchestratorQueue,
      args: [{ connectorId, messageId }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [{ key: searchAttributes.connectorId, value: connectorId }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * The session host's nudge after a receipt was recorded: the follow-up of that message (if it has one)
 * re-reads its status now rather than at its next periodic look.
 */
export function followUpPoker(temporal: Client) {
  return async (connectorId: string, whatsappId: string): Promise<void> => {
    const message = await MessageModel.findOne({ connectorId, whatsappId, followUp: true }, { _id: 1 }).lean<{ _id: string }>();
    if (!message) return;
    try {
      await temporal.workflow.getHandle(workflowIds.followUp(connectorId, message._id)).signal(messageProgressSignal);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  };
}

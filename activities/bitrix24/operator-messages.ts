import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { workflowIds } from '../../workflows/constants.js';
import type { bitrix24RequestWorkflow } from '../../workflows/follow-up.js';

/** An operator-side connector event (OnImConnectorMessageAdd / Update / Delete) as recorded. */
export interface OperatorEvent {
  recordId: string;
  memberId: string;
  event: string;
}

/**
 * Hands a recorded request (operator event, robot run, SMS) to its workflow, `bitrix24-request:<recordId>`,
 * which takes it into the outbound pipeline. The record's id is the dedupe key of the request, and a
 * finished workflow is never started again, so a repeated delivery is one send.
 */
export async function startBitrix24Request(temporal: Client, orchestratorQueue: string, recordId: string): Promise<void> {
  try {
    await temporal.workflow.start<typeof bitrix24RequestWorkflow>('bitrix24RequestWorkflow', {
      workflowId: workflowIds.bitrix24Request(recordId),
      taskQueue: orchestratorQueue,
      args: [{ recordId }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

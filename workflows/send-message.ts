import {
  ActivityFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  setHandler,
  TimeoutFailure,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { FailureReason, MessageStatus } from '../domain/message.js';
import type { SendAttempt } from '../domain/outbound.js';
import { hostSendActivities, outboundActivities } from './activities.js';
import { searchAttributes, workflowIds } from './constants.js';
import { nextSendStep, type LastAttempt } from './logic/send-step.js';
import { messageProgressSignal, retryNowSignal } from './messages.js';

export interface SendMessageInput {
  connectorId: string;
  messageId: string;
}

export interface SendMessageResult {
  status: 'sent' | 'failed' | 'cancelled';
  /** Workflow time once WhatsApp took the message: never before the transport sent it. */
  sentAt?: number;
}

/** What ops see in `SendStatus`: the message statuses, and why a running send is waiting. */
type SendStatus = 'sending' | 'waiting_connection' | 'restricted' | 'retrying' | 'sent' | 'failed' | 'cancelled';

/**
 * One outbound message (`send:<connectorId>:<messageId>`), released by its account's outbox; ends at
 * `sent` or `failed` (or `cancelled`, when the message was cancelled before it was claimed). Carries only
 * ids: the session host reads the body from MongoDB. Waits while the account is not connected (up to
 * SEND_TTL after acceptance) or restricted (until the restriction ends); every attempt reuses the
 * WhatsApp id stored at acceptance, and the host checks the stored status before sending again.
 */
export async function sendMessageWorkflow(input: SendMessageInput): Promise<SendMessageResult> {
  let retryNow = false;
  setHandler(retryNowSignal, () => void (retryNow = true));
  let shown: SendStatus | undefined;
  const show = (status: SendStatus) => {
    if (status !== shown) upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);
    shown = status;
  };

  let followUp = false;
  const claim = await outboundActivities.claimMessage(input.messageId);
  if (claim.kind === 'final') return finished(claim.status);
  followUp = claim.followUp === true;
  upsertSearchAttributes([
    { key: searchAttributes.phone, value: claim.to },
    { key: searchAttributes.lane, value: claim.lane },
  ]);
  show('sending');

  let attempt = 0;
  let last: LastAttempt | undefined;
  for (;;) {
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof sendMessageWorkflow>(input);
    const route = await outboundActivities.accountRoute(input.connectorId);
    const step = nextSendStep(route, Date.now(), claim.expiresAt, attempt, last);
    if (step.kind === 'fail') return fail(step.reason);
    if (step.kind === 'wait') {
      show(step.status);
      retryNow = false;
      await condition(() => retryNow, step.ms);
      attempt += 1;
      last = undefined;
      continue;
    }
    show('sending');
    const outcome = await attemptOn(step.hostQueue);
    switch (outcome.kind) {
      case 'sent':
        return finished('sent');
      case 'not_on_whatsapp':
        return fail('not_on_whatsapp');
      case 'rejected':
        return fail('whatsapp_error', outcome.detail);
      case 'final':
        return finished(outcome.status);
      default:
        last = outcome.kind;
    }
  }

  async function attemptOn(hostQueue: string): Promise<SendAttempt | { kind: 'unreachable' }> {
    try {
      return await hostSendActivities(hostQueue).sendMessage(input);
    } catch (err) {
      // Never picked up: the host is gone and nothing was sent. Anything else may have reached WhatsApp.
      const neverStarted = err instanceof ActivityFailure && err.cause instanceof TimeoutFailure && err.cause.timeoutType === 'SCHEDULE_TO_START';
      return { kind: neverStarted ? 'unreachable' : 'unknown' };
    }
  }

  async function fail(reason: FailureReason, detail?: string): Promise<SendMessageResult> {
    await outboundActivities.failMessage(input.messageId, reason, detail);
    return finished('failed');
  }

  async function finished(status: MessageStatus): Promise<SendMessageResult> {
    const result: SendMessageResult['status'] = status === 'cancelled' || status === 'failed' ? status : 'sent';
    show(result);
    // The message's follow-up reports this outcome to Bitrix24 now rather than at its next periodic look.
    if (followUp) await getExternalWorkflowHandle(workflowIds.followUp(input.connectorId, input.messageId)).signal(messageProgressSignal).catch(() => undefined);
    return result === 'sent' ? { status: result, sentAt: Date.now() } : { status: result };
  }
}

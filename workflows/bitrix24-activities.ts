import { proxyActivities } from '@temporalio/workflow';
import type { Bitrix24Activities } from '../activities/bitrix24/index.js';
import type { OutgoingActivities } from '../activities/outgoing/index.js';

/**
 * Bitrix24 activity stubs, on the orchestrator queue. The client inside already retries what it may
 * (throttling, expired tokens); Temporal's retry covers a worker dying mid-call and longer outages.
 */

/** Registrations, line sync and notifications: idempotent, so retried for as long as it takes. */
export const bitrix24Activities = proxyActivities<Bitrix24Activities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '2s', maximumInterval: '2m', backoffCoefficient: 2, nonRetryableErrorTypes: ['RegistrationRefused', 'Bitrix24AuthorizationLost'] },
});

/**
 * Forwarding a client message. Bitrix24 may take minutes to fetch attached files (§4.2), hence the long
 * attempt; the activity itself refuses to resend anything it cannot prove unsent, and gives up on a
 * message after a day of nothing-processed answers so one message cannot block its chat forever.
 */
export const forwardActivities = proxyActivities<Pick<Bitrix24Activities, 'forwardInbound'>>({
  startToCloseTimeout: '6m',
  scheduleToCloseTimeout: '1d',
  retry: { initialInterval: '2s', maximumInterval: '5m', backoffCoefficient: 2, nonRetryableErrorTypes: ['ForwardRefused', 'ForwardFailed', 'Bitrix24AuthorizationLost'] },
});

/**
 * The outgoing side: follow-ups, operator events, robot runs and SMS taken into the pipeline,
 * registrations. Each step that Bitrix24 must not hear twice is claimed in MongoDB first, so a retry
 * after a crash repeats nothing that was done; downloading an operator's files bounds the attempt.
 */
export const outgoingActivities = proxyActivities<OutgoingActivities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '2s', maximumInterval: '2m', backoffCoefficient: 2, maximumAttempts: 30, nonRetryableErrorTypes: ['Bitrix24AuthorizationLost'] },
});

import { proxyActivities } from '@temporalio/workflow';
import type { Bitrix24Activities } from '../../activities/bitrix24/index.js';
import type { ChatActivities } from '../../activities/chat/index.js';

/** The chat workflow's MongoDB work: short reads and writes, each safe to repeat. */
export const chatActivities = proxyActivities<ChatActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumInterval: '1m', backoffCoefficient: 2 },
});

/**
 * Notes, answers and to-dos in Bitrix24. Each activity records its progress before a non-idempotent
 * call and refuses to repeat one it cannot prove unsent, so Temporal may retry it; a day bounds a
 * portal outage, after which the chat moves on without the note.
 */
export const chatBitrix24Activities = proxyActivities<Pick<Bitrix24Activities, 'postToChat' | 'missedCallTodo'>>({
  startToCloseTimeout: '2m',
  scheduleToCloseTimeout: '1d',
  retry: {
    initialInterval: '2s',
    maximumInterval: '5m',
    backoffCoefficient: 2,
    nonRetryableErrorTypes: ['ChatPostRefused', 'ChatPostFailed', 'Bitrix24AuthorizationLost'],
  },
});

import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ConnectorActivities } from '../activities/connector.js';
import type { OutboundActivities } from '../activities/outbound/outbox.js';
import type { SessionActivities, HostActivities } from '../activities/session/host.js';
import { TASK_QUEUES } from './constants.js';

/** The ConnectorWorkflow's activity stubs, each with its timeouts and retries stated once. */

/** On the workflow's own queue: the orchestrator worker runs both. */
export const connectorActivities = proxyActivities<ConnectorActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumInterval: '30s' },
});

/**
 * The session itself: runs as long as the account is connected (or pairing). The heartbeat timeout is
 * what moves it to another host when its host dies; the attempt timeout is a backstop only.
 */
export function sessionActivities(taskQueue: string = TASK_QUEUES.sessions) {
  return proxyActivities<SessionActivities>({
    taskQueue,
    startToCloseTimeout: '30d',
    heartbeatTimeout: '30s',
    cancellationType: 'WAIT_CANCELLATION_COMPLETED',
    retry: { initialInterval: '1s', maximumInterval: '30s', backoffCoefficient: 2 },
  });
}

/**
 * Activities that must run in the process holding the socket. If that host is gone nothing polls its
 * queue, so the schedule-to-close timeout bounds the wait and there is one attempt.
 */
export function hostActivities(hostQueue: string) {
  return proxyActivities<HostActivities>({
    taskQueue: hostQueue,
    scheduleToCloseTimeout: '30s',
    retry: { maximumAttempts: 1 },
  });
}

/**
 * The outbox's and send workflows' MongoDB work: short reads and conditional writes, run as local
 * activities in the orchestrator worker, because each server round trip would add to every gap between
 * sends. Safe to repeat, so a retry after a worker crash changes nothing.
 */
export const outboundActivities = proxyLocalActivities<OutboundActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', maximumInterval: '30s' },
});

/**
 * One send attempt on the host holding the account's socket. A host that is gone never picks it up
 * (schedule-to-start timeout: certainly not sent); one that dies mid-send stops heartbeating. Either way
 * the send workflow decides the retry itself, after re-reading where the socket is now.
 */
export function hostSendActivities(hostQueue: string) {
  return proxyActivities<Pick<HostActivities, 'sendMessage'>>({
    taskQueue: hostQueue,
    scheduleToStartTimeout: '10s',
    startToCloseTimeout: '2m',
    heartbeatTimeout: '10s',
    retry: { maximumAttempts: 1 },
  });
}

import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Names that ops search for and that several processes must agree on. Dependency-free apart from
 * Temporal's common types, so api, workers and workflows can all import it.
 */

export const TASK_QUEUES = {
  /** Workflows and the activities that talk to MongoDB and Bitrix24. */
  orchestrator: 'orchestrator',
  /** Long-running session activities; any session host may take one. */
  sessions: 'wa-sessions',
} as const;

/**
 * The task queues of one deployment. A prefix (TASK_QUEUE_PREFIX) lets several deployments, or
 * parallel test runs, share one Temporal namespace without taking each other's tasks.
 */
export function taskQueues(prefix = '') {
  return { orchestrator: `${prefix}${TASK_QUEUES.orchestrator}`, sessions: `${prefix}${TASK_QUEUES.sessions}` };
}

/** The queue of one session-host process: activities that must run next to its sockets. */
export const hostTaskQueue = (hostId: string) => `wa-host:${hostId}`;

export const workflowIds = {
  connector: (connectorId: string) => `connector:${connectorId}`,
  outbox: (connectorId: string) => `outbox:${connectorId}`,
  send: (connectorId: string, messageId: string) => `send:${connectorId}:${messageId}`,
  chat: (connectorId: string, contactId: string) => `chat:${connectorId}:${contactId}`,
  /** Install-time registrations in one Bitrix24 portal. */
  portalSetup: (memberId: string) => `bitrix24-setup:${memberId}`,
  /** Brings the connector's open line activation in Bitrix24 in line with its `lineId`. */
  lineBinding: (connectorId: string) => `line-binding:${connectorId}`,
  /** What Bitrix24 hears after an outbound message was accepted: chat post, delivery and read marks, robot result, SMS status. */
  followUp: (connectorId: string, messageId: string) => `follow-up:${connectorId}:${messageId}`,
  /** One recorded operator event, robot run or SMS handed to us, taken into the outbound pipeline. */
  bitrix24Request: (recordId: string) => `bitrix24-request:${recordId}`,
  /** The robot's connector list and the connector's SMS sender in every portal, brought up to date. */
  connectorRegistrations: (connectorId: string) => `connector-registrations:${connectorId}`,
  /** The one periodic delivery of attention records as Bitrix24 notifications (per deployment: queue prefix). */
  attentions: (queuePrefix = '') => `${queuePrefix}bitrix24-attentions`,
};

export const searchAttributes = {
  connectorId: defineSearchAttributeKey('ConnectorId', SearchAttributeType.KEYWORD),
  phone: defineSearchAttributeKey('WhatsAppPhone', SearchAttributeType.KEYWORD),
  lane: defineSearchAttributeKey('SendLane', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('SendStatus', SearchAttributeType.KEYWORD),
};

import { createBitrix24Activities, type Bitrix24Deps } from './bitrix24/index.js';
import { createChatActivities } from './chat/index.js';
import { createConnectorActivities, type ConnectorActivityDeps } from './connector.js';
import { createOutboundActivities, type OutboundActivityDeps } from './outbound/outbox.js';
import { createOutgoingActivities, type OutgoingDeps } from './outgoing/index.js';

/**
 * Activities of the orchestrator worker, built from their dependencies; workflows import only the types
 * (`proxyActivities<…>`). The outbound and Bitrix24 issues add theirs here.
 */
export function createOrchestratorActivities(deps: ConnectorActivityDeps & OutboundActivityDeps & { bitrix24: Bitrix24Deps & OutgoingDeps }) {
  return { ...createConnectorActivities(deps), ...createOutboundActivities(deps), ...createBitrix24Activities(deps.bitrix24), ...createOutgoingActivities(deps.bitrix24), ...createChatActivities() };
}

export type OrchestratorActivities = ReturnType<typeof createOrchestratorActivities>;

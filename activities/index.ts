import { createConnectorActivities, type ConnectorActivityDeps } from './connector.js';

/**
 * Activities of the orchestrator worker, built from their dependencies; workflows import only the types
 * (`proxyActivities<…>`). The outbound and Bitrix24 issues add theirs here.
 */
export function createOrchestratorActivities(deps: ConnectorActivityDeps) {
  return { ...createConnectorActivities(deps) };
}

export type OrchestratorActivities = ReturnType<typeof createOrchestratorActivities>;

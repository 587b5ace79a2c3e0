/**
 * Activities of the orchestrator worker, built from their dependencies; workflows import only the type
 * (`proxyActivities<OrchestratorActivities>`). The connector, outbound and Bitrix24 issues add theirs here.
 */
export function createOrchestratorActivities() {
  return {};
}

export type OrchestratorActivities = ReturnType<typeof createOrchestratorActivities>;

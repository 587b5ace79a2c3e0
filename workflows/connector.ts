import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ConnectorStatus } from '../domain/connector-state.js';
import { connectorStatusQuery, removeSignal, renameSignal } from './messages.js';

/** Carried across continue-as-new: plain JSON with a version, so later shapes can migrate it. */
export interface ConnectorWorkflowInput {
  version: 1;
  status: ConnectorStatus;
}

/**
 * One long-lived workflow per connector (`connector:<connectorId>`): the owner of the connector's
 * lifecycle. It ends only when the connector is removed; history stays bounded by continue-as-new.
 */
export async function connectorWorkflow(input: ConnectorWorkflowInput): Promise<void> {
  const status: ConnectorStatus = { ...input.status };
  let removed = false;

  setHandler(renameSignal, (name) => {
    status.name = name;
  });
  setHandler(removeSignal, () => {
    removed = true;
  });
  setHandler(connectorStatusQuery, () => status);

  await condition(() => removed || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  if (removed) return;
  await continueAsNew<typeof connectorWorkflow>({ version: 1, status });
}

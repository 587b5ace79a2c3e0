import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ConnectorStatus } from '../domain/connector-state.js';

/** Signals and queries of the ConnectorWorkflow; the api imports these definitions. */
export const renameSignal = defineSignal<[name: string]>('rename');
export const removeSignal = defineSignal('remove');
export const connectorStatusQuery = defineQuery<ConnectorStatus>('status');

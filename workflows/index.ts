/** Every workflow the orchestrator worker runs; the worker bundles this file. */
export { connectorWorkflow } from './connector.js';

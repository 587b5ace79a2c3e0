/** Every workflow the orchestrator worker runs; the worker bundles this file. */
export { attentionsWorkflow, lineBindingWorkflow, portalSetupWorkflow } from './bitrix24.js';
export { chatWorkflow } from './chat.js';
export { connectorWorkflow } from './connector.js';
export { bitrix24RequestWorkflow, connectorRegistrationsWorkflow, messageFollowUpWorkflow } from './follow-up.js';
export { outboxWorkflow } from './outbox.js';
export { sendMessageWorkflow } from './send-message.js';

import { condition, continueAsNew, setHandler, sleep } from '@temporalio/workflow';
import type { RegistrationSummary } from '../activities/bitrix24/registration.js';
import { bitrix24Activities } from './bitrix24-activities.js';
import * as messages from './messages.js';

/**
 * `bitrix24-setup:<memberId>`: the install-time registrations, signal-with-started by every install
 * request. A reinstall wipes the portal's handlers (§3.2), so an install that arrives while a pass runs
 * gets one more pass; the install page waits for the result.
 */
export async function portalSetupWorkflow(input: { memberId: string }): Promise<RegistrationSummary> {
  let again = true;
  let summary: RegistrationSummary | undefined;
  setHandler(messages.installedSignal, () => void (again = true));
  while (again) {
    again = false;
    summary = await bitrix24Activities.registerPortal(input.memberId);
  }
  return summary!;
}

/**
 * `line-binding:<connectorId>`: signal-with-started whenever the connector's line changes. Each pass
 * re-reads the wanted line, so changes that arrive while a pass runs are covered by one more pass.
 */
export async function lineBindingWorkflow(input: { connectorId: string }): Promise<void> {
  let dirty = true;
  setHandler(messages.lineChangedSignal, () => void (dirty = true));
  while (dirty) {
    dirty = false;
    await bitrix24Activities.syncLineBinding(input.connectorId);
    // A short grace lets a burst of edits end in one more pass rather than several.
    await condition(() => dirty, '1s');
  }
}

/**
 * `bitrix24-attentions`: delivers attention records as portal notifications every `intervalMs`, and
 * continues as new now and then so its history stays small.
 */
export async function attentionsWorkflow(input: { intervalMs: number; rounds?: number }): Promise<void> {
  for (let round = input.rounds ?? 0; round < 500; round++) {
    await bitrix24Activities.deliverAttentions();
    await sleep(input.intervalMs);
  }
  await continueAsNew<typeof attentionsWorkflow>({ intervalMs: input.intervalMs });
}

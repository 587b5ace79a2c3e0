import { ApplicationFailure } from '@temporalio/common';
import {
  BOUND_EVENTS,
  CONNECTOR_ICON,
  CONNECTOR_ICON_DISABLED,
  CONNECTOR_TYPE_ID,
  HANDLER_PATHS,
  ROBOT_CODE,
  robotFields,
  smsSenderCode,
} from '../../integrations/bitrix24/app-definition.js';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { Bitrix24Error } from '../../integrations/bitrix24/errors.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { PortalModel } from '../../storage/models/portal.js';
import type { Bitrix24Deps } from './deps.js';

/** Errors that mean "already there": registering twice must be harmless (install page + ONAPPINSTALL). */
const ALREADY = new Set(['ERROR_HANDLER_ALREADY_EXIST', 'ERROR_ACTIVITY_ALREADY_INSTALLED', 'ERROR_SENDER_ALREADY_INSTALLED']);

export interface RegistrationSummary {
  events: number;
  robot: 'added' | 'updated';
  smsSenders: string[];
}

/**
 * Everything the app registers in a portal at install (§4.1, §5, §6): the connector type with its
 * settings placement, the event handlers, the robot, and the SMS senders of connectors that enable it.
 * Idempotent: each step accepts "already exists" (the robot is then updated with the current
 * connector list), so the workflow may retry it whole.
 */
export async function registerPortal(deps: Bitrix24Deps, clientFor: (memberId: string) => Bitrix24Client, memberId: string): Promise<RegistrationSummary> {
  const client = clientFor(memberId);
  const registered = await client.call<{ result?: boolean; error?: string; error_description?: string }>('imconnector.register', {
    ID: CONNECTOR_TYPE_ID,
    NAME: 'WhatsApp (Openline Bridge)',
    ICON: CONNECTOR_ICON,
    ICON_DISABLED: CONNECTOR_ICON_DISABLED,
    PLACEMENT_HANDLER: `${deps.publicUrl}${HANDLER_PATHS.placement}`,
    CHAT_GROUP: 'N',
  });
  // §4.2: register reports failure inside a 200.
  if (registered?.result !== true) {
    throw ApplicationFailure.nonRetryable(`imconnector.register refused: ${registered?.error ?? 'no result'} ${registered?.error_description ?? ''}`, 'RegistrationRefused');
  }

  const handler = `${deps.publicUrl}${HANDLER_PATHS.events}`;
  const binds = await client.batch(Object.fromEntries(BOUND_EVENTS.map((event) => [event, ['event.bind', { event, handler }]])));
  const failed = Object.entries(binds.errors).filter(([, error]) => !ALREADY.has(error.error));
  if (failed.length > 0) throw new Error(`event.bind failed: ${failed.map(([event, error]) => `${event} ${error.error}`).join(', ')}`);

  const connectors = await portalConnectors(memberId);
  const robot = robotFields(deps.publicUrl, connectors.map((c) => ({ id: c._id, name: c.name })));
  let robotOutcome: RegistrationSummary['robot'] = 'added';
  try {
    await client.call('bizproc.robot.add', { CODE: ROBOT_CODE, ...robot });
  } catch (err) {
    if (!(err instanceof Bitrix24Error && ALREADY.has(err.code))) throw err;
    await client.call('bizproc.robot.update', { CODE: ROBOT_CODE, FIELDS: robot });
    robotOutcome = 'updated';
  }

  const smsSenders: string[] = [];
  for (const connector of connectors.filter((c) => (c.settings as { chats?: { smsProviderEnabled?: boolean } }).chats?.smsProviderEnabled)) {
    const code = smsSenderCode(connector._id);
    try {
      await client.call('messageservice.sender.add', {
        CODE: code,
        TYPE: 'SMS',
        HANDLER: `${deps.publicUrl}${HANDLER_PATHS.sms}`,
        NAME: `WhatsApp: ${connector.name}`,
      });
    } catch (err) {
      if (!(err instanceof Bitrix24Error && ALREADY.has(err.code))) throw err;
    }
    smsSenders.push(code);
  }
  await PortalModel.updateOne({ _id: memberId }, { $set: { registeredAt: new Date() } });
  return { events: BOUND_EVENTS.length, robot: robotOutcome, smsSenders };
}

type PortalConnector = { _id: string; name: string; settings: unknown };

async function portalConnectors(memberId: string): Promise<PortalConnector[]> {
  return ConnectorModel.find({ portal: memberId }, { _id: 1, name: 1, settings: 1 }).sort({ createdAt: 1 }).lean<PortalConnector[]>();
}

import { settingsSchema } from '../../domain/settings.js';
import { HANDLER_PATHS, ROBOT_CODE, robotFields, smsSenderCode } from '../../integrations/bitrix24/app-definition.js';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { Bitrix24Error } from '../../integrations/bitrix24/errors.js';
import { ConnectorModel, type ConnectorDocument } from '../../storage/models/connector.js';
import { installedPortalIds, portalOf } from '../../storage/connector-portal.js';
import type { Bitrix24Deps } from '../bitrix24/deps.js';

/**
 * Brings a portal's registrations in line with one connector's change: the robot's `connector` select
 * lists the portal's connectors as they are now (`bizproc.robot.update`), and the connector's SMS sender
 * exists exactly while "Enable SMS provider" is on (`messageservice.sender.add` / `.delete`, decided
 * from `sender.list`). A removed connector no longer names its portal, so every installed portal is
 * brought up to date. Idempotent: each pass reads the current state.
 */
export async function syncConnectorRegistrations(deps: Bitrix24Deps, clientFor: (memberId: string) => Bitrix24Client, connectorId: string): Promise<void> {
  const connector = await ConnectorModel.findById(connectorId).lean<ConnectorDocument>();
  const own = connector ? await portalOf(connector) : undefined;
  const portals = connector ? (own ? [own] : []) : await installedPortalIds();
  for (const memberId of portals) {
    const client = clientFor(memberId);
    const listed = await ConnectorModel.find({ portal: memberId }, { _id: 1, name: 1 })
      .sort({ createdAt: 1 })
      .lean<Array<{ _id: string; name: string }>>();
    try {
      await client.call('bizproc.robot.update', { CODE: ROBOT_CODE, FIELDS: robotFields(deps.publicUrl, listed.map((c) => ({ id: c._id, name: c.name }))) });
    } catch (err) {
      // Not registered yet (an install in progress registers it with the current list).
      if (!(err instanceof Bitrix24Error && err.code === 'ERROR_ACTIVITY_NOT_FOUND')) throw err;
    }
    const code = smsSenderCode(connectorId);
    const wanted = Boolean(connector && settingsSchema.parse(connector.settings).chats.smsProviderEnabled);
    // The documented answer is a list of codes; anything else means "none of ours".
    const senders = await client.call<unknown>('messageservice.sender.list');
    const present = Array.isArray(senders) && senders.includes(code);
    if (wanted && !present) {
      await client.call('messageservice.sender.add', { CODE: code, TYPE: 'SMS', HANDLER: `${deps.publicUrl}${HANDLER_PATHS.sms}`, NAME: `WhatsApp: ${connector!.name}` });
    } else if (!wanted && present) {
      await client.call('messageservice.sender.delete', { CODE: code });
    }
  }
}

import { CONNECTOR_TYPE_ID } from '../../integrations/bitrix24/app-definition.js';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { ConnectorModel, type ConnectorDocument } from '../../storage/models/connector.js';
import { LineBindingModel } from '../../storage/models/line-binding.js';
import type { Bitrix24Deps } from './deps.js';
import { portalOf } from '../../storage/connector-portal.js';

export interface LineSync {
  deactivated?: number;
  activated?: number;
}

/**
 * Makes Bitrix24 match the connector's `lineId` (§4.1 step 3): switches the connector type off on the
 * line it was activated on before, and on (`imconnector.activate` + `connector.data.set`) on the new
 * one. It reads the wanted line from MongoDB each time, so running it again, or after several quick
 * changes, converges on the latest; both calls are idempotent.
 */
export async function syncLineBinding(deps: Bitrix24Deps, clientFor: (memberId: string) => Bitrix24Client, connectorId: string): Promise<LineSync> {
  const connector = await ConnectorModel.findById(connectorId).lean<ConnectorDocument>();
  const current = await LineBindingModel.findById(connectorId).lean<{ memberId: string; lineId: number }>();
  const memberId = connector ? await portalOf(connector) : undefined;
  const wanted = connector?.lineId && memberId ? { memberId, lineId: connector.lineId } : undefined;
  const outcome: LineSync = {};

  if (current && (current.lineId !== wanted?.lineId || current.memberId !== wanted.memberId)) {
    // Another connector of the same portal may have taken the line over since; then it is theirs to keep
    // active. Line numbers are per portal: another portal's connector on the same number is no reason.
    const takenOver = await ConnectorModel.exists({ _id: { $ne: connectorId }, portal: current.memberId, lineId: current.lineId });
    if (!takenOver) await clientFor(current.memberId).call('imconnector.activate', { CONNECTOR: CONNECTOR_TYPE_ID, LINE: current.lineId, ACTIVE: 0 });
    await LineBindingModel.deleteOne({ _id: connectorId });
    outcome.deactivated = current.lineId;
  }
  if (wanted && connector) {
    const client = clientFor(wanted.memberId);
    await client.call('imconnector.activate', { CONNECTOR: CONNECTOR_TYPE_ID, LINE: wanted.lineId, ACTIVE: 1 });
    await client.call('imconnector.connector.data.set', {
      CONNECTOR: CONNECTOR_TYPE_ID,
      LINE: wanted.lineId,
      DATA: { ID: `olbridge_${connectorId}`, URL: `${deps.publicUrl}/app/`, URL_IM: `${deps.publicUrl}/app/`, NAME: connector.name },
    });
    await LineBindingModel.updateOne({ _id: connectorId }, { $set: { memberId: wanted.memberId, lineId: wanted.lineId } }, { upsert: true });
    outcome.activated = wanted.lineId;
  }
  return outcome;
}

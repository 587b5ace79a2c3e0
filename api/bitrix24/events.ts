import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { startBitrix24Request, type OperatorEvent } from '../../activities/bitrix24/operator-messages.js';
import { CONNECTOR_TYPE_ID } from '../../integrations/bitrix24/app-definition.js';
import type { Logger } from '../../lib/logger.js';
import { Bitrix24EventModel } from '../../storage/models/bitrix24-event.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { LineBindingModel } from '../../storage/models/line-binding.js';
import { PortalModel, type PortalDocument } from '../../storage/models/portal.js';
import { eventKey } from './event-key.js';
import { rec, str, trustedEventSender, type FormBody } from './trust.js';

export interface EventDeps {
  logger: Logger;
  temporal: Client;
  orchestratorQueue: string;
  /** Operator replies, edits and deletions, once recorded (default: their workflow takes them into the outbound pipeline). */
  onOperatorEvent?: (event: OperatorEvent) => Promise<void>;
}

const OPERATOR_EVENTS = new Set(['ONIMCONNECTORMESSAGEADD', 'ONIMCONNECTORMESSAGEUPDATE', 'ONIMCONNECTORMESSAGEDELETE']);
const NOTED_EVENTS = new Set(['ONIMCONNECTORDIALOGSTART', 'ONIMCONNECTORDIALOGFINISH']);
const CONNECTOR_EVENTS = new Set([...OPERATOR_EVENTS, ...NOTED_EVENTS, 'ONIMCONNECTORLINEDELETE', 'ONIMCONNECTORSTATUSDELETE']);

/** The connector id an event is about, where it names one (StatusDelete uses lowercase keys, §4.3). */
function connectorOf(data: unknown): string | undefined {
  const fields = rec(data);
  return (str(fields.CONNECTOR) ?? str(fields.connector))?.toLowerCase();
}

/**
 * `POST /bitrix24/events`: every bound event. Bitrix24 never retries (§3.1), so the handler records the
 * event in MongoDB (deduped) and answers 200 at once; the slow work happens elsewhere. A wrong token is
 * a 401 with nothing stored; events of other connectors or of an uninstalled portal are ignored.
 */
export function eventRoutes(deps: EventDeps): Router {
  const onOperatorEvent = deps.onOperatorEvent ?? ((event: OperatorEvent) => startBitrix24Request(deps.temporal, deps.orchestratorQueue, event.recordId));

  async function record(portal: PortalDocument, event: string, data: unknown, userId: number | undefined, status: string): Promise<{ id: string; fresh: boolean }> {
    const id = eventKey(portal._id, event, data);
    const result = await Bitrix24EventModel.updateOne(
      { _id: id },
      { $setOnInsert: { memberId: portal._id, event, data: data ?? null, userId: userId ?? null, status } },
      { upsert: true },
    );
    return { id, fresh: result.upsertedCount > 0 };
  }

  return Router().post('/', async (req, res) => {
    const body: FormBody = rec(req.body);
    const portal = await trustedEventSender(body);
    const event = (str(body.event) ?? '').toUpperCase();
    const userId = Number(str(rec(body.auth).user_id)) || undefined;
    const relevant = event === 'ONAPPUNINSTALL' || (CONNECTOR_EVENTS.has(event) && [undefined, CONNECTOR_TYPE_ID].includes(connectorOf(body.data)));
    if (!relevant || portal.uninstalledAt) {
      res.json({ result: 'ignored' });
      return;
    }
    const { id, fresh } = await record(portal, event, body.data, userId, 'recorded');
    if (!fresh) {
      res.json({ result: 'duplicate' });
      return;
    }
    if (OPERATOR_EVENTS.has(event)) await onOperatorEvent({ recordId: id, memberId: portal._id, event });
    else if (event === 'ONIMCONNECTORLINEDELETE') await unbindLine(portal._id, Number(typeof body.data === 'string' ? body.data : str(rec(body.data).LINE)));
    else if (event === 'ONIMCONNECTORSTATUSDELETE') await unbindLine(portal._id, Number(str(rec(body.data).line)));
    else if (event === 'ONAPPUNINSTALL') await uninstall(portal._id, str(rec(body.data).CLEAN) === '1');
    await Bitrix24EventModel.updateOne({ _id: id, status: 'recorded' }, { $set: { status: 'handled' } });
    deps.logger.info({ memberId: portal._id, event }, 'Bitrix24 event recorded');
    res.json({ result: 'recorded' });
  });
}

/** The line is gone from Bitrix24 (deleted, or the connector switched off there): nothing to undo on its side. */
async function unbindLine(memberId: string, lineId: number): Promise<void> {
  if (!Number.isInteger(lineId) || lineId <= 0) return;
  await ConnectorModel.updateMany({ portal: memberId, lineId }, { $set: { lineId: null } });
  await LineBindingModel.deleteMany({ memberId, lineId });
}

/**
 * ONAPPUNINSTALL: the portal's connectors stop forwarding (no line), their WhatsApp sessions stay. With
 * CLEAN=1 the portal's data goes too: its record, tokens, recorded events and line bindings.
 */
async function uninstall(memberId: string, clean: boolean): Promise<void> {
  await ConnectorModel.updateMany({ portal: memberId }, { $set: { lineId: null, ...(clean && { portal: null }) } });
  await LineBindingModel.deleteMany({ memberId });
  if (!clean) {
    await PortalModel.updateOne({ _id: memberId }, { $set: { uninstalledAt: new Date() } });
    return;
  }
  await Bitrix24EventModel.deleteMany({ memberId });
  await PortalModel.deleteOne({ _id: memberId });
}

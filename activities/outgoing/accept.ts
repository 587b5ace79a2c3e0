import { Context } from '@temporalio/activity';
import { createMessageService, type MessageService } from '../../api/messages/service.js';
import { notFound } from '../../api/errors.js';
import type { ConnectorStatus } from '../../domain/connector-state.js';
import { ConnectorModel } from '../../storage/models/connector.js';

/**
 * The messages API's accept service, used from an orchestrator activity: the same storage, idempotency
 * and pacer wake-up as `POST /messages`, with the connector's state and number read from the status its
 * workflow publishes (an activity does not query workflows) and Temporal reached through the activity's
 * own client.
 */
export function outboundPipeline(defaultPhoneRegion: string): MessageService {
  const context = Context.current();
  return createMessageService({ temporal: context.client, orchestratorQueue: context.info.taskQueue, connectors: { view: publishedState }, defaultPhoneRegion });
}

async function publishedState(connectorId: string) {
  const doc = await ConnectorModel.findById(connectorId, { status: 1 }).lean<{ status: ConnectorStatus | null }>();
  if (!doc) throw notFound(`connector ${connectorId}`);
  return { state: doc.status?.state ?? 'pairing', phone: doc.status?.phone };
}

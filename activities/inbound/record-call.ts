import type { TransportEvent } from '../../integrations/whatsapp/transport.js';
import { CallEventModel, callEventId } from '../../storage/models/call-event.js';
import type { InboundRecorderDeps } from './record.js';
import { isDuplicateKey } from '../../storage/duplicate-key.js';

/**
 * Stores an unanswered call, then signals its chat. The insert of `<connectorId>:call:<id>` is the
 * dedupe (atomic on FerretDB too): a call reported again is only signalled again while its record is
 * still pending (the first signal may have been lost with a crashed host); the chat workflow drops
 * call ids it already handled.
 */
export async function recordCall(
  deps: InboundRecorderDeps,
  connectorId: string,
  event: Extract<TransportEvent, { type: 'call' }>,
  contact: () => Promise<string>,
): Promise<void> {
  if (event.outcome === 'answered') return;
  const key = callEventId(connectorId, event.id);
  const stored = await CallEventModel.findById(key, { contactId: 1, status: 1 }).lean<{ contactId: string; status: string }>();
  if (stored) {
    if (stored.status === 'pending') await deps.signalChat(connectorId, stored.contactId, key, 'call');
    return;
  }
  const contactId = await contact();
  await CallEventModel.init();
  try {
    await CallEventModel.create({ _id: key, connectorId, contactId, callId: event.id, outcome: event.outcome, offline: event.offline, at: new Date(event.timestamp) });
  } catch (err) {
    // The same call reported twice at once: the other report signals.
    if (isDuplicateKey(err)) return;
    throw err;
  }
  deps.logger.info({ connectorId, outcome: event.outcome, offline: event.offline }, 'unanswered call recorded');
  await deps.signalChat(connectorId, contactId, key, 'call');
}

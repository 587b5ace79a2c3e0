import { Context } from '@temporalio/activity';
import type { ConnectorStatus } from '../../domain/connector-state.js';
import { newWhatsAppMessageId } from '../../integrations/whatsapp/baileys/message-id.js';
import { newId } from '../../lib/ids.js';
import { ContactModel } from '../../storage/models/contact.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { insertMessageOnce } from '../../storage/messages.js';
import { signalEnqueued } from '../../api/messages/outbox-client.js';

export type ReplyOutcome = 'queued' | 'already' | 'no_phone' | 'no_connector';

/**
 * An autoreply or bot answer into the outbound pipeline, on the regular lane, as any accepted message:
 * stored with a WhatsApp id first, then the account's pacer is woken. The key (e.g.
 * `autoreply:missedCall:<call record>`) is the message's idempotency key, so a retried activity finds
 * its message instead of adding a second. `publishToChat: false`: the chat workflow posts these itself,
 * as system messages, so the outgoing-messages step must not post them again.
 */
export async function queueReply(connectorId: string, contactId: string, key: string, text: string): Promise<ReplyOutcome> {
  const [connector, contact] = await Promise.all([
    ConnectorModel.findById(connectorId, { status: 1 }).lean<{ status: ConnectorStatus | null }>(),
    ContactModel.findById(contactId, { phone: 1 }).lean<{ phone: string | null }>(),
  ]);
  if (!connector) return 'no_connector';
  // A LID-only client has no number the pipeline can address yet.
  if (!contact?.phone) return 'no_phone';
  const inserted = await insertMessageOnce({
    _id: newId(),
    connectorId,
    to: contact.phone,
    lane: 'regular',
    text,
    idempotencyKey: key,
    whatsappId: newWhatsAppMessageId(connector.status?.phone),
    publishToChat: false,
    status: 'queued',
    history: [{ status: 'queued', at: new Date() }],
    acceptedAt: new Date(),
  });
  // Woken again after a duplicate too: the first attempt may have died before its signal.
  const { client, info } = Context.current();
  await signalEnqueued(client, info.taskQueue, connectorId);
  return inserted ? 'queued' : 'already';
}

import { settingsSchema } from '../../domain/settings.js';
import type { ContactRef, InboundMessage, TransportEvent } from '../../integrations/whatsapp/transport.js';
import type { Logger } from '../../lib/logger.js';
import { resolveContact } from '../../storage/contacts.js';
import { storeMessageMedia } from '../../storage/media.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { InboundEventModel, type InboundKind } from '../../storage/models/inbound-event.js';
import type { ChatSignalKind } from './signal-chat.js';
import { recordCall } from './record-call.js';

export interface InboundRecorderDeps {
  logger: Logger;
  /** Signal-with-start of `chat:<connectorId>:<contactId>` with the stored event's or call's id. */
  signalChat: (connectorId: string, contactId: string, eventId: string, kind?: ChatSignalKind) => Promise<void>;
}

type ClientEvent = Extract<TransportEvent, { type: 'message' | 'message_edited' | 'message_revoked' }>;
type CallEvent = Extract<TransportEvent, { type: 'call' }>;

/**
 * The session host's inbound pipeline (architecture "Inbound"): each client message, edit and deletion
 * is stored in MongoDB first, deduplicated by connector + WhatsApp id, with its media already in GridFS
 * (the bytes can only be fetched next to the live socket); then the chat workflow is signalled. Events
 * of one connector are handled one after another, so the chat hears them in WhatsApp's order.
 * Messages typed on the company's phone (fromMe) are not the client's and are left to the outgoing-
 * messages step; ignored numbers create nothing at all. Unanswered calls take the same road
 * (record-call.ts), and a voice note is signalled as one so the chat can answer it.
 */
export function inboundRecorder(deps: InboundRecorderDeps) {
  const queues = new Map<string, Promise<void>>();

  async function record(connectorId: string, event: ClientEvent): Promise<void> {
    const from = event.type === 'message' ? event.message.from : event.from;
    if (event.type === 'message' && event.message.fromMe) return;
    if (!from.phone && !from.lid) return;
    if (await ignored(deps, connectorId, from, event.type)) return;
    const { kind, whatsappId, key } = identity(connectorId, event);
    const stored = await InboundEventModel.findById(key, { contactId: 1, status: 1, media: 1 }).lean<{ contactId: string; status: string; media?: { voice?: boolean } }>();
    if (stored) {
      // Seen before: only a record that never reached its chat (a crash before the signal) is signalled again.
      if (stored.status === 'pending') await deps.signalChat(connectorId, stored.contactId, key, stored.media?.voice ? 'voice' : 'inbound');
      return;
    }
    const contactId = await resolveContact(connectorId, address(from));
    const content = event.type === 'message' ? await messageContent(event.message) : event.type === 'message_edited' ? { text: event.text } : {};
    const at = new Date(event.type === 'message' ? event.message.timestamp : event.timestamp);
    const created = await InboundEventModel.updateOne(
      { _id: key },
      { $setOnInsert: { connectorId, contactId, kind, whatsappId, at, ...content } },
      { upsert: true },
    );
    if (created.upsertedCount === 0) return;
    await deps.signalChat(connectorId, contactId, key, 'media' in content && content.media?.voice ? 'voice' : 'inbound');
  }

  async function call(connectorId: string, event: CallEvent): Promise<void> {
    // An answered call needs nothing: someone spoke to the client.
    if (event.outcome === 'answered' || (!event.from.phone && !event.from.lid)) return;
    if (await ignored(deps, connectorId, event.from, event.type)) return;
    await recordCall(deps, connectorId, event, () => resolveContact(connectorId, address(event.from)));
  }

  /** The transport handler; failures are logged (the event stays stored, or was never stored). */
  return (connectorId: string, event: TransportEvent): void => {
    if (event.type !== 'message' && event.type !== 'message_edited' && event.type !== 'message_revoked' && event.type !== 'call') return;
    const previous = queues.get(connectorId) ?? Promise.resolve();
    const next = previous
      .then(() => (event.type === 'call' ? call(connectorId, event) : record(connectorId, event)))
      .catch((err: unknown) => deps.logger.error({ err, connectorId, event: event.type }, 'inbound event not recorded'));
    queues.set(connectorId, next);
    void next.finally(() => {
      if (queues.get(connectorId) === next) queues.delete(connectorId);
    });
  };
}

/** Whether the connector is gone or ignores this number; a dropped event is logged, never stored. */
async function ignored(deps: InboundRecorderDeps, connectorId: string, from: ContactRef, type: TransportEvent['type']): Promise<boolean> {
  const connector = await ConnectorModel.findById(connectorId, { settings: 1 }).lean<{ settings: unknown }>();
  if (!connector) return true;
  if (!from.phone || !settingsSchema.parse(connector.settings).ignoredNumbers.includes(from.phone)) return false;
  deps.logger.info({ connectorId, event: type }, 'event from an ignored number dropped');
  return true;
}

/** Never a LID where a phone belongs: `phone` only when WhatsApp gave one. */
function address(from: ContactRef) {
  return { phone: from.phone, lid: from.lid, pushName: from.pushName };
}

function identity(connectorId: string, event: ClientEvent): { kind: InboundKind; whatsappId: string; key: string } {
  if (event.type === 'message') return { kind: 'message', whatsappId: event.message.id, key: `${connectorId}:message:${event.message.id}` };
  if (event.type === 'message_revoked') return { kind: 'revoke', whatsappId: event.id, key: `${connectorId}:revoke:${event.id}` };
  // A message may be edited several times: each edit is its own event, the same edit once.
  return { kind: 'edit', whatsappId: event.id, key: `${connectorId}:edit:${event.id}:${event.timestamp}` };
}

async function messageContent(message: InboundMessage) {
  const media = message.media ? await storeMessageMedia(message.media) : null;
  return { text: message.text, media, location: message.location ?? null, sharedContact: message.contact ? { name: message.contact.name, phone: message.contact.phone } : null, quotedId: message.quotedId };
}

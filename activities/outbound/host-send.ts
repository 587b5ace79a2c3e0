import { SENT_STATUSES, type MessageStatus } from '../../domain/message.js';
import type { SendAttempt } from '../../domain/outbound.js';
import { TransportError, type OutboundContent, type WhatsAppTransport } from '../../integrations/whatsapp/transport.js';
import { readMedia } from '../../storage/media.js';
import { MessageModel, type MessageDocument } from '../../storage/models/message.js';
import { markSent } from '../../storage/message-status.js';

/**
 * One send attempt of a stored message on the socket of this session host. The message's status is
 * checked first: once it says WhatsApp has it (our own write, or a receipt for its id), nothing is sent
 * again; otherwise the send carries the id chosen at acceptance, so a resend after a crash is the same
 * message to WhatsApp.
 */
export async function sendStoredMessage(transport: WhatsAppTransport | undefined, messageId: string): Promise<SendAttempt> {
  const doc = await MessageModel.findById(messageId).lean<MessageDocument>();
  if (!doc) return { kind: 'final', status: 'cancelled' };
  const status = doc.status as MessageStatus;
  if (SENT_STATUSES.includes(status)) return { kind: 'sent' };
  if (status !== 'sending') return { kind: 'final', status };
  if (!transport) return { kind: 'not_connected' };
  try {
    await transport.send(doc.to, await contentOf(doc), doc.whatsappId);
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    switch (err.reason) {
      case 'not_on_whatsapp':
      case 'not_connected':
      case 'restricted':
        return { kind: err.reason };
      case 'timeout':
        return { kind: 'unknown' };
      case 'rejected':
        return { kind: 'rejected', detail: err.message };
    }
  }
  await markSent(doc);
  return { kind: 'sent' };
}

async function contentOf(doc: MessageDocument): Promise<OutboundContent> {
  const media = doc.media;
  return {
    ...(doc.text != null && { text: doc.text }),
    ...(media && {
      media: {
        kind: media.kind,
        mimetype: media.mimetype,
        ...(media.fileName != null && { fileName: media.fileName }),
        ...(media.voice != null && { voice: media.voice }),
        data: await readMedia(media.fileId),
      },
    }),
  };
}

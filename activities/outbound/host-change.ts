import { TransportError, type WhatsAppTransport } from '../../integrations/whatsapp/transport.js';
import { MessageModel } from '../../storage/models/message.js';

export type ChangeOutcome = 'done' | 'not_connected' | 'unsupported' | 'failed';

/**
 * Edits (with `text`) or deletes a message this account sent, by the WhatsApp id chosen at acceptance.
 * A message that never left has nothing to change on WhatsApp.
 */
export async function changeSentMessage(transport: WhatsAppTransport | undefined, input: { messageId: string; text?: string }): Promise<ChangeOutcome> {
  const doc = await MessageModel.findById(input.messageId, { to: 1, whatsappId: 1, status: 1 }).lean<{ to: string; whatsappId: string; status: string }>();
  if (!doc || !['sent', 'delivered', 'read'].includes(doc.status)) return 'failed';
  if (!transport) return 'not_connected';
  const change = input.text !== undefined ? transport.editMessage?.bind(transport, doc.to, doc.whatsappId, input.text) : transport.deleteMessage?.bind(transport, doc.to, doc.whatsappId);
  if (!change) return 'unsupported';
  try {
    await change();
    return 'done';
  } catch (err) {
    if (err instanceof TransportError) return err.reason === 'not_connected' ? 'not_connected' : 'failed';
    throw err;
  }
}

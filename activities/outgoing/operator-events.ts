import { AppError } from '../../api/errors.js';
import { failureText, whatsAppText, type MessageOrigin } from '../../domain/outgoing.js';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { ContactModel } from '../../storage/models/contact.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { MessageModel } from '../../storage/models/message.js';
import type { Bitrix24Deps } from '../bitrix24/deps.js';
import { outboundPipeline } from './accept.js';
import { isOwnPost, postSystemMessage } from './chat-post.js';
import { operatorFiles } from './operator-files.js';
import { signalOperatorReplied } from '../inbound/signal-chat.js';
import { Context } from '@temporalio/activity';

/** An operator's edit (with `text`) or deletion of a message we sent, to be made on WhatsApp. */
export interface WhatsAppChange {
  connectorId: string;
  messageId: string;
  text?: string;
  /** Where to confirm an edit (§4.3: an update is answered with send.status.delivery). */
  memberId: string;
  line: number;
  chatId: string;
  im: { chatId: number; messageId: number };
  whatsappId: string;
}

type Form = Record<string, unknown>;
const rec = (value: unknown): Form => (value && typeof value === 'object' ? (value as Form) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
/** PHP-style arrays arrive as arrays, or as objects keyed by index when sparse. */
export const items = (value: unknown): Form[] => (Array.isArray(value) ? value : Object.values(rec(value))).map(rec);

/**
 * OnImConnectorMessageAdd / Update / Delete (§4.3), as recorded by the events handler. New operator
 * messages are accepted into the outbound pipeline on the regular lane, one message per text and file,
 * with idempotency keys from Bitrix24's own ids (so a repeated event is one send); our own posts coming
 * back are recognised and dropped. Edits and deletions are returned for the workflow to make on WhatsApp.
 */
export async function operatorEvent(deps: Bitrix24Deps & { defaultPhoneRegion: string }, clientFor: (memberId: string) => Bitrix24Client, record: { memberId: string; event: string; data: unknown }): Promise<WhatsAppChange[]> {
  const data = rec(record.data);
  const line = Number(str(data.LINE));
  const connector = await ConnectorModel.findOne({ lineId: line, portal: record.memberId }, { _id: 1 }).lean<{ _id: string }>();
  if (!connector) return [];
  const changes: WhatsAppChange[] = [];
  for (const item of items(data.MESSAGES)) {
    const im = { chatId: Number(str(rec(item.im).chat_id)), messageId: Number(str(rec(item.im).message_id)) };
    const chatId = str(rec(item.chat).id);
    const message = rec(item.message);
    if (!chatId || !Number.isInteger(im.messageId)) continue;
    const origin: MessageOrigin = { source: 'operator', memberId: record.memberId, line, im, chatId };
    if (record.event === 'ONIMCONNECTORMESSAGEADD') {
      const operatorId = Number(str(message.user_id) ?? 0);
      if (operatorId === 0 && (await isOwnPost(record.memberId, line, chatId, str(message.text)))) continue;
      await reply(connector._id, origin, str(message.text), items(message.files));
      // A person answering takes the dialog from the bot; automatic line messages (user 0) do not.
      if (operatorId > 0) await signalOperatorReplied(Context.current().client, Context.current().info.taskQueue, connector._id, chatId);
      continue;
    }
    const sent = await MessageModel.find({ connectorId: connector._id, 'origin.im.chatId': im.chatId, 'origin.im.messageId': im.messageId }, { _id: 1, text: 1, whatsappId: 1 }).lean<
      Array<{ _id: string; text?: string; whatsappId: string }>
    >();
    const base = { connectorId: connector._id, memberId: record.memberId, line, chatId, im };
    if (record.event === 'ONIMCONNECTORMESSAGEDELETE') changes.push(...sent.map((doc) => ({ ...base, messageId: doc._id, whatsappId: doc.whatsappId })));
    const texted = sent.find((doc) => doc.text);
    if (record.event === 'ONIMCONNECTORMESSAGEUPDATE' && texted) changes.push({ ...base, messageId: texted._id, whatsappId: texted.whatsappId, text: whatsAppText(str(message.text) ?? '') });
  }
  return changes;

  async function reply(connectorId: string, origin: MessageOrigin, bb: string | undefined, files: Form[]): Promise<void> {
    const notify = (reason: string) =>
      postSystemMessage(clientFor(record.memberId), {
        memberId: record.memberId,
        line: origin.line!,
        contactId: origin.chatId!,
        claimId: `b24:${origin.im!.chatId}:${origin.im!.messageId}:refused`,
        text: `[b]WhatsApp:[/b] the message was not delivered: ${reason}`,
      });
    const phone = (await ContactModel.findById(origin.chatId, { phone: 1 }).lean<{ phone?: string }>())?.phone;
    if (!phone) {
      await notify('the client has no phone number to write to');
      return;
    }
    const text = bb ? whatsAppText(bb) : '';
    const media = await operatorFiles(files, deps.logger, Context.current().cancellationSignal);
    const pieces: Array<{ text?: string; media?: (typeof media)[number] }> = media.map((m) => ({ media: m }));
    // A caption rides on the first picture, video or document; a voice note takes none, so the text goes first.
    if (text && pieces[0] && pieces[0].media?.kind !== 'audio') pieces[0].text = text;
    else if (text) pieces.unshift({ text });
    const pipeline = outboundPipeline(deps.defaultPhoneRegion);
    for (const [index, piece] of pieces.entries()) {
      const idempotencyKey = `b24:${origin.im!.chatId}:${origin.im!.messageId}${index ? `:${index}` : ''}`;
      try {
        await pipeline.accept(connectorId, { to: phone, lane: 'regular', idempotencyKey, ...piece }, origin);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        await notify(err.code === 'connector_expired' ? 'the WhatsApp connector has expired' : failureText('whatsapp_error', err.message));
      }
    }
  }
}

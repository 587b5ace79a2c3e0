import { CONNECTOR_TYPE_ID } from '../../integrations/bitrix24/app-definition.js';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { Bitrix24Error } from '../../integrations/bitrix24/errors.js';
import { ContactModel, type ContactDocument } from '../../storage/models/contact.js';
import { claimStep, OutgoingClaimModel, releaseStep } from '../../storage/models/outgoing-claim.js';

export interface SystemPost {
  memberId: string;
  line: number;
  /** The product's contact id: the chat's external user and chat id, as for inbound messages. */
  contactId: string;
  /** Claimed before the call: the same key never posts twice. */
  claimId: string;
  text: string;
  files?: Array<{ url: string; name: string }>;
}

const chatKey = (memberId: string, line: number, contactId: string) => `${memberId}:${line}:${contactId}`;

/**
 * A company-side message in the client's open line chat (§4.4 A): `imconnector.send.messages` with
 * `message.user_id: 0` and the client's own user and chat blocks, so Bitrix24 finds or opens the chat
 * and delivers nothing to WhatsApp. The text is kept with the claim, so an echo (if the portal sends the
 * post back as OnImConnectorMessageAdd) is recognised. Only an answer proving nothing was processed frees
 * the claim for a retry; any other failure leaves it (at most once, never twice).
 */
export async function postSystemMessage(client: Bitrix24Client, post: SystemPost): Promise<boolean> {
  if (!(await claimStep(post.claimId, { chatKey: chatKey(post.memberId, post.line, post.contactId), text: post.text }))) return false;
  const contact = await ContactModel.findById(post.contactId).lean<ContactDocument>();
  const item = {
    user: { id: post.contactId, ...(contact?.phone && { phone: contact.phone, skip_phone_validate: 'Y' }) },
    message: { id: post.claimId, date: Math.floor(Date.now() / 1000), text: post.text, user_id: 0, ...(post.files?.length && { files: post.files }) },
    chat: { id: post.contactId, ...(contact?.phone && { url: `https://wa.me/${contact.phone.slice(1)}` }) },
  };
  try {
    await client.call('imconnector.send.messages', { CONNECTOR: CONNECTOR_TYPE_ID, LINE: post.line, MESSAGES: [item] });
    return true;
  } catch (err) {
    if (err instanceof Bitrix24Error && err.nothingProcessed) await releaseStep(post.claimId);
    throw err;
  }
}

/**
 * Whether an operator-side event with `user_id` 0 is our own post coming back: its text is one we
 * posted into that chat, or carries the prefix every company-side post of ours starts with.
 */
export async function isOwnPost(memberId: string, line: number, contactId: string, text: string | undefined): Promise<boolean> {
  if (!text) return false;
  if (text.startsWith('[b]WhatsApp')) return true;
  return Boolean(await OutgoingClaimModel.exists({ chatKey: chatKey(memberId, line, contactId), text }));
}

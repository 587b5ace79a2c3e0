import { newId } from '../lib/ids.js';
import { aliasId, ContactAliasModel, ContactModel } from './models/contact.js';

export interface ContactAddress {
  /** E.164; only ever a real phone number. */
  phone?: string;
  /** `…@lid`. */
  lid?: string;
  pushName?: string;
}

/**
 * The product's stable contact id for a client of a connector, creating the contact on first sight.
 * Every address the client was seen under maps to one contact through the alias table, so a client
 * first seen by LID and later by phone (or the other way round) keeps one id, and thus one Bitrix24
 * chat. Racing hosts agree through single-document upserts on the alias `_id`.
 */
export async function resolveContact(connectorId: string, address: ContactAddress): Promise<string> {
  const aliases = [
    ...(address.phone ? [aliasId(connectorId, 'phone', address.phone)] : []),
    ...(address.lid ? [aliasId(connectorId, 'lid', address.lid)] : []),
  ];
  if (aliases.length === 0) throw new Error('a contact needs a phone or a LID');
  const known = await ContactAliasModel.find({ _id: { $in: aliases } }).lean<Array<{ _id: string; contactId: string }>>();
  // The phone's contact wins when a LID and a phone were first seen apart: its chat is the older one more often.
  const existing = known.find((alias) => alias._id === aliases[0])?.contactId ?? known[0]?.contactId;
  let contactId = existing ?? newId();
  for (const alias of aliases) {
    const claimed = await ContactAliasModel.findOneAndUpdate({ _id: alias }, { $setOnInsert: { contactId } }, { upsert: true, new: true }).lean<{ contactId: string }>();
    // Someone else created the first alias a moment earlier: adopt their contact for the rest.
    if (claimed && alias === aliases[0]) contactId = claimed.contactId;
  }
  await ContactModel.updateOne(
    { _id: contactId },
    {
      $set: { ...(address.phone && { phone: address.phone }), ...(address.lid && { lid: address.lid }), ...(address.pushName && { pushName: address.pushName }) },
      $setOnInsert: { connectorId },
    },
    { upsert: true },
  );
  return contactId;
}

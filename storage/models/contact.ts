import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A WhatsApp client of one connector. `_id` is the product's stable contact id: Bitrix24's chat and
 * user id for this client, so a client first seen by LID and later by phone stays in one chat.
 * `phone` is E.164 and only ever a real phone, never a LID.
 */
const contactSchema = new Schema(
  {
    _id: { type: String, required: true },
    connectorId: { type: String, required: true, index: true },
    phone: { type: String, default: null },
    lid: { type: String, default: null },
    /** The latest WhatsApp push name, as the client set it (sanitized only when sent to Bitrix24). */
    pushName: { type: String, default: null },
  },
  { timestamps: true, versionKey: false },
);

export type ContactDocument = InferSchemaType<typeof contactSchema> & { _id: string };

export const ContactModel = mongoose.model('Contact', contactSchema);

/**
 * The LID↔phone alias table: one document per address a client was seen under (`phone:+7…`,
 * `lid:…@lid`), pointing to its contact. The `_id` is the address, so two hosts racing to create the
 * same client agree on one contact through a single-document upsert (no transaction needed).
 */
const aliasSchema = new Schema(
  {
    _id: { type: String, required: true },
    contactId: { type: String, required: true },
  },
  { versionKey: false },
);

export const ContactAliasModel = mongoose.model('ContactAlias', aliasSchema, 'contact_aliases');

export const aliasId = (connectorId: string, kind: 'phone' | 'lid', value: string) => `${connectorId}:${kind}:${value}`;

import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { storedMediaSchema } from './stored-media.js';

export const INBOUND_KINDS = ['message', 'edit', 'revoke'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

/**
 * What a client did on WhatsApp (a message, an edit, a deletion), stored by the session host before
 * anything else happens: the message log, and the record the chat workflow forwards to Bitrix24.
 * `_id` is `<connectorId>:<kind>:<WhatsApp id>[:<edit time>]`, so a repeated event is one document.
 *
 * `status`: `pending` until forwarded; `sending` while a non-idempotent Bitrix24 call is in flight (a
 * retry that finds it there cannot know whether Bitrix24 took it, and records `unknown` instead of
 * sending twice); `forwarded`; `no_line` / `no_portal` (kept, not forwarded); `failed` with a detail.
 */
const mediaSchema = storedMediaSchema();

const inboundEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    connectorId: { type: String, required: true },
    contactId: { type: String, required: true },
    kind: { type: String, enum: INBOUND_KINDS, required: true },
    whatsappId: { type: String, required: true },
    at: { type: Date, required: true },
    text: { type: String },
    media: { type: mediaSchema, default: null },
    location: { type: new Schema({ lat: Number, lng: Number, name: String }, { _id: false }), default: null },
    sharedContact: { type: new Schema({ name: String, phone: String }, { _id: false }), default: null },
    quotedId: { type: String },
    status: { type: String, enum: ['pending', 'sending', 'forwarded', 'no_line', 'no_portal', 'unknown', 'failed'], default: 'pending' },
    detail: { type: String },
    forwardedAt: { type: Date },
  },
  { timestamps: true, versionKey: false },
);
inboundEventSchema.index({ connectorId: 1, whatsappId: 1 });
inboundEventSchema.index({ contactId: 1, at: 1 });

export type InboundEventDocument = InferSchemaType<typeof inboundEventSchema> & { _id: string };

export const InboundEventModel = mongoose.model('InboundEvent', inboundEventSchema, 'inbound_events');

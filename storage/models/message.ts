import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { FAILURE_REASONS, LANES, MEDIA_KINDS, MESSAGE_STATUSES } from '../../domain/message.js';
import { storedMediaSchema } from './stored-media.js';

/**
 * One outbound message, accepted before anything is sent. The WhatsApp id is chosen at acceptance, so
 * every (re)send of the message carries it and a resend is recognisable. The body lives only here:
 * workflows carry the `_id`.
 */
const mediaSchema = storedMediaSchema(MEDIA_KINDS);

const historySchema = new Schema({ status: { type: String, enum: MESSAGE_STATUSES, required: true }, at: { type: Date, required: true } }, { _id: false });

const messageSchema = new Schema(
  {
    _id: { type: String, required: true },
    connectorId: { type: String, required: true },
    /** E.164. */
    to: { type: String, required: true },
    lane: { type: String, enum: LANES, required: true },
    text: { type: String },
    media: { type: mediaSchema, default: null },
    /** The caller's key, or the message id when the caller gave none; unique per connector. */
    idempotencyKey: { type: String, required: true },
    whatsappId: { type: String, required: true },
    publishToChat: { type: Boolean, default: true },
    /** Where the message came from (domain/outgoing.ts MessageOrigin): what Bitrix24 hears about it afterwards. */
    origin: { type: Schema.Types.Mixed, default: null },
    /** A follow-up workflow reports this message's progress to Bitrix24; the send workflow and receipts wake it. */
    followUp: { type: Boolean, default: false },
    status: { type: String, enum: MESSAGE_STATUSES, required: true },
    failureReason: { type: String, enum: FAILURE_REASONS },
    failureDetail: { type: String },
    history: { type: [historySchema], default: [] },
    acceptedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
messageSchema.index({ connectorId: 1, idempotencyKey: 1 }, { unique: true });
messageSchema.index({ connectorId: 1, whatsappId: 1 }, { unique: true });
// The pacer's page: the oldest queued messages of one lane.
messageSchema.index({ connectorId: 1, status: 1, lane: 1, acceptedAt: 1 });

export type MessageDocument = InferSchemaType<typeof messageSchema> & { _id: string };

export const MessageModel = mongoose.model('Message', messageSchema);

import mongoose, { Schema } from 'mongoose';

/**
 * An event Bitrix24 POSTed to `/bitrix24/events`, recorded before the handler answers: Bitrix24 never
 * retries, so this record is the only trace. `_id` is a dedupe key derived from the event's content
 * (see api/bitrix24/event-key.ts); a repeated delivery finds it and changes nothing.
 */
const bitrix24EventSchema = new Schema(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    event: { type: String, required: true },
    data: { type: Schema.Types.Mixed, default: null },
    /** The acting Bitrix24 user (`auth[user_id]`), when the event names one. */
    userId: { type: Number, default: null },
    status: { type: String, required: true },
    detail: { type: String },
  },
  { timestamps: true, versionKey: false, minimize: false },
);
bitrix24EventSchema.index({ memberId: 1, event: 1, createdAt: 1 });

export const Bitrix24EventModel = mongoose.model('Bitrix24Event', bitrix24EventSchema, 'bitrix24_events');

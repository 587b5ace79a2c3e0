import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A settings-app session opened by the Bitrix24 placement (api/bitrix24/placement.ts): the app holds
 * the opaque token in memory and sends it as a bearer; only its SHA-256 is stored, so a database
 * read gives no usable token. It acts for one portal's user and ends at `expiresAt` (checked on every
 * request; the TTL index only sweeps old documents away).
 */
const uiSessionSchema = new Schema(
  {
    /** hex SHA-256 of the token. */
    _id: { type: String, required: true },
    /** The portal's member_id: the session sees only this portal's connectors. */
    memberId: { type: String, required: true },
    /** The Bitrix24 user who opened the placement, as `profile` answered. */
    userId: { type: Number, required: true },
    admin: { type: Boolean, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
uiSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 3600 });

export type UiSessionDocument = InferSchemaType<typeof uiSessionSchema> & { _id: string };

export const UiSessionModel = mongoose.model('UiSession', uiSessionSchema);

import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * One Bitrix24 portal that installed the app, keyed by `member_id` (a renamed portal keeps it; its
 * domain does not). Both OAuth tokens are sealed (lib/crypto.ts): they act as the installing admin.
 * `tokenVersion` grows with every refresh, so a caller that saw an expired token can tell whether
 * someone else already refreshed it (the lock that serialises refreshes is in refresh-lock.ts).
 */
const portalSchema = new Schema(
  {
    _id: { type: String, required: true },
    domain: { type: String, required: true },
    clientEndpoint: { type: String, required: true },
    serverEndpoint: { type: String, required: true },
    applicationToken: { type: String, required: true },
    accessToken: { type: String, required: true },
    refreshToken: { type: String, required: true },
    /** When the access token expires, as Bitrix24 told us; refresh stays lazy (on `expired_token`). */
    accessExpiresAt: { type: Date, default: null },
    tokenVersion: { type: Number, default: 0 },
    installerUserId: { type: Number, default: null },
    /** `L` local, `F` free, `D` demo, `T` trial, `P` paid. */
    status: { type: String, default: null },
    installedAt: { type: Date, default: null },
    /** Set by ONAPPUNINSTALL; a later install clears it. */
    uninstalledAt: { type: Date, default: null },
    /** What `registerPortal` last did, for ops and tests. */
    registeredAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);

export type PortalDocument = InferSchemaType<typeof portalSchema> & { _id: string };

export const PortalModel = mongoose.model('Portal', portalSchema);

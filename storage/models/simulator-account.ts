import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * One WhatsApp account as the simulator's "WhatsApp server" knows it, keyed by connector id: its
 * linked device (at most one, as the product links one device per connector), the QR on offer, a
 * pending pairing code and any restriction. Kept in the database so the simulator behaves like a phone
 * that stayed online across restarts.
 */
const deviceSchema = new Schema(
  {
    id: { type: String, required: true },
    /** sha256 of the token in the device's creds; the creds themselves live only with the product. */
    tokenHash: { type: String, required: true },
    phone: { type: String, required: true },
    name: { type: String },
    pairedAt: { type: Date, required: true },
  },
  { _id: false },
);

const accountSchema = new Schema(
  {
    _id: { type: String, required: true },
    device: { type: deviceSchema, default: null },
    qr: { type: String, default: null },
    qrExpiresAt: { type: Date, default: null },
    pairingCode: { type: new Schema({ phone: String, code: String }, { _id: false }), default: null },
    restriction: { type: new Schema({ reason: String, until: Date }, { _id: false }), default: null },
    online: { type: Boolean, default: false },
  },
  { timestamps: true, versionKey: false },
);

export type SimulatorAccountDocument = InferSchemaType<typeof accountSchema> & { _id: string };

export const SimulatorAccountModel = mongoose.model('SimulatorAccount', accountSchema, 'simulator_accounts');

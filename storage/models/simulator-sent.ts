import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * What a simulated account sent, one entry per WhatsApp message id (a phone shows one message per id,
 * however often it was resent). Media keeps its size and digest, enough to recognise the file.
 */
const sentMediaSchema = new Schema(
  {
    kind: { type: String, required: true },
    mimetype: { type: String, required: true },
    fileName: { type: String },
    voice: { type: Boolean },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
  },
  { _id: false },
);

const sentSchema = new Schema(
  {
    connectorId: { type: String, required: true },
    waId: { type: String, required: true },
    to: { type: String, required: true },
    text: { type: String },
    media: { type: sentMediaSchema, default: null },
    /** ms since epoch when the simulator first received it. */
    at: { type: Number, required: true },
    /** Sends received with this id; a resend after a crash shows here, not as a second message. */
    attempts: { type: Number, required: true },
    fromPhone: { type: Boolean, default: false },
    /** The sender edited the text afterwards (`text` is the latest); each edit counts. */
    edits: { type: Number, default: 0 },
    /** The sender deleted it for everyone. */
    deleted: { type: Boolean, default: false },
    status: { type: String, enum: ['delivered', 'read'], default: 'delivered' },
  },
  { versionKey: false },
);
sentSchema.index({ connectorId: 1, waId: 1 }, { unique: true });

export type SimulatorSentDocument = InferSchemaType<typeof sentSchema>;

export const SimulatorSentModel = mongoose.model('SimulatorSent', sentSchema, 'simulator_sent');

import mongoose, { Schema } from 'mongoose';

/**
 * A connector that needs an admin (logged out, replaced, expired, stale WhatsApp version). The Bitrix24
 * integration delivers these as portal notifications and marks them delivered.
 */
const attentionSchema = new Schema(
  {
    connectorId: { type: String, required: true, index: true },
    reason: { type: String, required: true },
    deliveredAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);

export const AttentionModel = mongoose.model('Attention', attentionSchema);

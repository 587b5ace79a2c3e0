import mongoose, { Schema } from 'mongoose';
import { isDuplicateKey } from '../duplicate-key.js';

/**
 * One thing Bitrix24 is told about an outbound message (a chat post, a delivery mark, a robot result, an
 * SMS status), claimed by inserting `<messageId>:<step>` before the call. A unique insert is atomic on
 * MongoDB and FerretDB alike, so a retried activity never tells Bitrix24 twice. Chat posts also keep
 * the posted text under the chat's key: an echo of our own post coming back as an operator event is
 * recognised by it and not sent to WhatsApp.
 */
const outgoingClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** `<memberId>:<line>:<external chat id>` for chat posts. */
    chatKey: { type: String },
    text: { type: String },
  },
  { timestamps: true, versionKey: false },
);
outgoingClaimSchema.index({ chatKey: 1, text: 1 });

export const OutgoingClaimModel = mongoose.model('OutgoingClaim', outgoingClaimSchema, 'outgoing_claims');

/** True when this caller took the claim; false when it was taken before. */
export async function claimStep(id: string, extra: { chatKey?: string; text?: string } = {}): Promise<boolean> {
  await OutgoingClaimModel.init();
  try {
    await OutgoingClaimModel.create({ _id: id, ...extra });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Frees a claim whose call certainly did nothing, so a retry may make it. */
export async function releaseStep(id: string): Promise<void> {
  await OutgoingClaimModel.deleteOne({ _id: id });
}

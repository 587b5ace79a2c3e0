import { Schema } from 'mongoose';

/**
 * A message's media as the project keeps it: what it is, and where its bytes are (the `media` GridFS
 * bucket, readable by every process). Outbound messages restrict `kind` to what can be sent; inbound
 * events keep whatever WhatsApp delivered.
 */
export function storedMediaSchema<const K extends string = string>(kinds?: readonly K[]) {
  return new Schema(
    {
      kind: { type: String, enum: kinds as readonly K[], required: true },
      mimetype: { type: String, required: true },
      fileName: { type: String },
      voice: { type: Boolean },
      fileId: { type: String, required: true },
      size: { type: Number, required: true },
    },
    { _id: false },
  );
}

import mongoose, { Schema } from 'mongoose';

/**
 * The QR WhatsApp currently offers for a connector. It rotates every ~20 s, so it lives here (written
 * by the session host, read by the api) and never in workflow history.
 */
const connectorQrSchema = new Schema(
  {
    _id: { type: String, required: true },
    qr: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, versionKey: false },
);

export const ConnectorQrModel = mongoose.model('ConnectorQr', connectorQrSchema);

import mongoose, { Schema } from 'mongoose';

/**
 * Who may hold the WhatsApp socket of a connector. `token` grows with every new holder (a fencing
 * token): a holder whose renewal no longer matches knows it lost the lease and closes its socket.
 */
const sessionLeaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    token: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const SessionLeaseModel = mongoose.model('SessionLease', sessionLeaseSchema);

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

/**
 * One document per fencing token ever handed out (`<connectorId>:<token>`). Taking a token is an
 * insert, which the unique _id makes atomic on every supported database; a conditional
 * findOneAndUpdate is not atomic under concurrency on FerretDB.
 */
const sessionLeaseClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    connectorId: { type: String, required: true, index: true },
    token: { type: Number, required: true },
    holder: { type: String, required: true },
  },
  { versionKey: false, timestamps: { createdAt: true, updatedAt: false } },
);

export const SessionLeaseClaimModel = mongoose.model('SessionLeaseClaim', sessionLeaseClaimSchema);

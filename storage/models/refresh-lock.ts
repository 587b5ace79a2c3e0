import mongoose, { Schema } from 'mongoose';

/**
 * "I am spending this portal's refresh token": one document per portal and token version. Taking it is
 * an insert, which the unique `_id` makes atomic on MongoDB and FerretDB alike (a conditional
 * findAndModify is not atomic on FerretDB). `until` lets others take over from a holder that died.
 */
const refreshLockSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false, collection: 'bitrix24_refresh_locks' },
);

export const RefreshLockModel = mongoose.model('Bitrix24RefreshLock', refreshLockSchema);

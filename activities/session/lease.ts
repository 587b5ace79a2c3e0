import mongoose from 'mongoose';
import { SessionLeaseModel } from '../../storage/models/session-lease.js';

export interface Lease {
  connectorId: string;
  holder: string;
  token: number;
}

/**
 * Takes the connector's socket lease when it is free, expired, or already ours; undefined while
 * another live holder has it. No transaction needed: one conditional upsert decides.
 */
export async function tryAcquireLease(connectorId: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
  const now = new Date();
  try {
    const doc = await SessionLeaseModel.findOneAndUpdate(
      { _id: connectorId, $or: [{ expiresAt: { $lt: now } }, { holder }] },
      { $set: { holder, expiresAt: new Date(now.getTime() + ttlMs) }, $inc: { token: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return doc ? { connectorId, holder, token: doc.token } : undefined;
  } catch (err) {
    // The filter missed a live lease of someone else, so the upsert collided with its _id.
    if (err instanceof mongoose.mongo.MongoServerError && err.code === 11000) return undefined;
    throw err;
  }
}

/** Extends the lease; false means it was taken over (fencing token changed) and the socket must close. */
export async function renewLease(lease: Lease, ttlMs: number): Promise<boolean> {
  const result = await SessionLeaseModel.updateOne(
    { _id: lease.connectorId, holder: lease.holder, token: lease.token },
    { $set: { expiresAt: new Date(Date.now() + ttlMs) } },
  );
  return result.matchedCount === 1;
}

export async function releaseLease(lease: Lease): Promise<void> {
  await SessionLeaseModel.deleteOne({ _id: lease.connectorId, holder: lease.holder, token: lease.token });
}

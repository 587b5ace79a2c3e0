import { SessionLeaseClaimModel, SessionLeaseModel } from '../../storage/models/session-lease.js';
import { isDuplicateKey } from '../../storage/duplicate-key.js';

export interface Lease {
  connectorId: string;
  holder: string;
  token: number;
}

/**
 * Takes the connector's socket lease when it is free, expired, or already ours; undefined while
 * another live holder has it, or when another host claimed the same next token first.
 */
export async function tryAcquireLease(connectorId: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
  const now = Date.now();
  const current = await SessionLeaseModel.findById(connectorId).lean();
  if (current && current.holder !== holder && current.expiresAt.getTime() > now) return undefined;
  const token = (current?.token ?? 0) + 1;
  try {
    await SessionLeaseClaimModel.create({ _id: `${connectorId}:${token}`, connectorId, token, holder });
  } catch (err) {
    if (isDuplicateKey(err)) return undefined;
    throw err;
  }
  await SessionLeaseModel.updateOne({ _id: connectorId }, { $set: { holder, token, expiresAt: new Date(now + ttlMs) } }, { upsert: true });
  // Claims older than this one can never be renewed again; keep the collection small.
  await SessionLeaseClaimModel.deleteMany({ connectorId, token: { $lt: token } });
  return { connectorId, holder, token };
}

/** Extends the lease; false means it was taken over (fencing token changed) and the socket must close. */
export async function renewLease(lease: Lease, ttlMs: number): Promise<boolean> {
  const result = await SessionLeaseModel.updateOne(
    { _id: lease.connectorId, holder: lease.holder, token: lease.token },
    { $set: { expiresAt: new Date(Date.now() + ttlMs) } },
  );
  return result.matchedCount === 1;
}

/** Frees the lease at once; the token stays, so the next holder's token is still higher. */
export async function releaseLease(lease: Lease): Promise<void> {
  await SessionLeaseModel.updateOne({ _id: lease.connectorId, holder: lease.holder, token: lease.token }, { $set: { expiresAt: new Date(0) } });
}

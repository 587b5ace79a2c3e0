import { createHash, randomBytes } from 'node:crypto';
import { UiSessionModel, type UiSessionDocument } from '../../storage/models/ui-session.js';

/** How long a settings session opened by the Bitrix24 placement lasts (Bitrix24's own AUTH_ID lives an hour too). */
export const UI_SESSION_TTL_MS = 60 * 60_000;

const TOKEN_PREFIX = 'olbs_';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface UiSessionIdentity {
  memberId: string;
  userId: number;
  admin: boolean;
}

/** A fresh opaque token (256 random bits); only its hash is stored. */
export async function issueUiSession(identity: UiSessionIdentity, ttlMs = UI_SESSION_TTL_MS): Promise<{ token: string; expiresAt: Date }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + ttlMs);
  await UiSessionModel.create({ _id: hashToken(token), ...identity, expiresAt });
  return { token, expiresAt };
}

/** The live session a bearer token names, or undefined (unknown, expired). */
export async function findUiSession(token: string): Promise<UiSessionIdentity | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const session = await UiSessionModel.findOne({ _id: hashToken(token), expiresAt: { $gt: new Date() } }).lean<UiSessionDocument>();
  return session ? { memberId: session.memberId, userId: session.userId, admin: session.admin } : undefined;
}

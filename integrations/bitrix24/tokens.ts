import { setTimeout as sleep } from 'node:timers/promises';
import { seal, unseal } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { PortalModel, type PortalDocument } from '../../storage/models/portal.js';
import { RefreshLockModel } from '../../storage/models/refresh-lock.js';
import { Bitrix24AuthorizationLost, Bitrix24Error } from './errors.js';
import { isDuplicateKey } from '../../storage/duplicate-key.js';

export interface OAuthApp {
  clientId?: string;
  clientSecret?: string;
  /** BITRIX24_OAUTH_URL; default derived from the portal's server_endpoint. */
  tokenUrl?: string;
}

export interface PortalAccess {
  memberId: string;
  clientEndpoint: string;
  accessToken: string;
  tokenVersion: number;
}

const LOCK_MS = 30_000;
const WAIT_STEP_MS = 150;

/** §2.4: strip `/rest/` from server_endpoint and add `/oauth/token/` (what the official SDK does). */
export function tokenUrlFor(serverEndpoint: string, override?: string): string {
  return override ?? `${serverEndpoint.replace(/\/rest\/?$/, '').replace(/\/+$/, '')}/oauth/token/`;
}

export function accessOf(portal: PortalDocument, key: Buffer): PortalAccess {
  return { memberId: portal._id, clientEndpoint: portal.clientEndpoint, accessToken: unseal(portal.accessToken, key), tokenVersion: portal.tokenVersion ?? 0 };
}

export async function loadAccess(memberId: string, key: Buffer): Promise<PortalAccess> {
  const portal = await PortalModel.findById(memberId).lean<PortalDocument>();
  if (!portal) throw new Bitrix24AuthorizationLost(`portal ${memberId} has not installed the app`);
  return accessOf(portal, key);
}

/**
 * Replaces an access token that Bitrix24 called expired. Refresh tokens are single-use, so across all
 * processes one caller at a time spends it: the one that inserts the lock document for the token
 * version it saw (storage/models/refresh-lock.ts). The others wait and re-read; once the version has
 * moved on they use the new tokens instead of refreshing again.
 *
 * `signal` stops the waiting, never an exchange of our own once begun: the portal spends the refresh
 * token whether or not we store what it answers.
 */
export async function refreshAccess(stale: PortalAccess, key: Buffer, app: OAuthApp, fetchImpl: typeof fetch = fetch, signal?: AbortSignal): Promise<PortalAccess> {
  const holder = newId();
  const lockId = `${stale.memberId}:${stale.tokenVersion}`;
  for (;;) {
    signal?.throwIfAborted();
    const portal = await PortalModel.findById(stale.memberId).lean<PortalDocument>();
    if (!portal) throw new Bitrix24AuthorizationLost(`portal ${stale.memberId} is gone`);
    if ((portal.tokenVersion ?? 0) !== stale.tokenVersion) return accessOf(portal, key);
    if (!(await takeLock(lockId, holder))) {
      await sleep(WAIT_STEP_MS, undefined, { signal });
      continue;
    }
    try {
      // The previous holder may have refreshed and released the lock between our read and our insert:
      // read again under the lock, or we would spend the refresh token it has already used.
      const locked = await PortalModel.findById(stale.memberId).lean<PortalDocument>();
      if (!locked) throw new Bitrix24AuthorizationLost(`portal ${stale.memberId} is gone`);
      if ((locked.tokenVersion ?? 0) !== stale.tokenVersion) return accessOf(locked, key);
      const fresh = await exchange(locked, key, app, fetchImpl);
      await PortalModel.updateOne(
        { _id: stale.memberId, tokenVersion: stale.tokenVersion },
        {
          $set: {
            accessToken: seal(fresh.access_token, key),
            refreshToken: seal(fresh.refresh_token, key),
            accessExpiresAt: fresh.expires ? new Date(Number(fresh.expires) * 1000) : null,
            ...(fresh.client_endpoint && { clientEndpoint: fresh.client_endpoint }),
          },
          $inc: { tokenVersion: 1 },
        },
      );
    } finally {
      await RefreshLockModel.deleteOne({ _id: lockId, holder });
    }
  }
}

/** Inserts the lock, or replaces one whose holder let it expire; false while someone else holds it. */
async function takeLock(lockId: string, holder: string): Promise<boolean> {
  const until = new Date(Date.now() + LOCK_MS);
  try {
    await RefreshLockModel.create({ _id: lockId, holder, until });
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const current = await RefreshLockModel.findById(lockId).lean<{ holder: string; until: Date }>();
  if (current && current.until.getTime() < Date.now()) await RefreshLockModel.deleteOne({ _id: lockId, holder: current.holder });
  return false;
}

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires?: number | string;
  client_endpoint?: string;
}

async function exchange(portal: PortalDocument, key: Buffer, app: OAuthApp, fetchImpl: typeof fetch): Promise<TokenAnswer> {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: app.clientId ?? '',
    client_secret: app.clientSecret ?? '',
    refresh_token: unseal(portal.refreshToken, key),
  });
  const url = tokenUrlFor(portal.serverEndpoint, app.tokenUrl);
  let response: Response;
  try {
    response = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  } catch (err) {
    throw new Bitrix24Error('oauth/token', 0, 'network', String((err as Error).cause ?? err), true);
  }
  const answer = (await response.json().catch(() => ({}))) as Partial<TokenAnswer> & { error?: string; error_description?: string };
  if (answer.error === 'invalid_grant') throw new Bitrix24AuthorizationLost(`portal ${portal._id}: the refresh token was refused (${answer.error_description ?? 'invalid_grant'})`);
  if (!response.ok || !answer.access_token || !answer.refresh_token) {
    throw new Bitrix24Error('oauth/token', response.status, answer.error ?? 'bad_token_answer', answer.error_description);
  }
  return answer as TokenAnswer;
}

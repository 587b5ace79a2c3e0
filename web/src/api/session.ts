import { useSyncExternalStore } from 'react';
import { readStored, writeStored } from '../lib/storage.js';
import { takePlacementBootstrap } from './placement.js';

/**
 * Who the app talks to the api as.
 * - `standalone`: a self-hosted admin signed in with ADMIN_API_TOKEN; the token is kept in
 *   sessionStorage too, so a reload of the tab does not sign out.
 * - `placement`: opened by Bitrix24 with a session token from the server (see placement.ts); the
 *   token lives in memory only, and a new one comes when Bitrix24 opens the settings again.
 */
export type SessionMode = 'standalone' | 'placement';

export type Session =
  | { status: 'signed_in'; mode: SessionMode; token: string; connectorId?: string; lineId?: number }
  | { status: 'signed_out'; mode: SessionMode; tokenRejected: boolean };

const STORAGE_KEY = 'olb.adminToken';
const listeners = new Set<() => void>();

let current: Session = restore();

function restore(): Session {
  const placement = takePlacementBootstrap();
  if (placement) return { status: 'signed_in', mode: 'placement', ...placement };
  const token = readStored('session', STORAGE_KEY);
  return token ? { status: 'signed_in', mode: 'standalone', token } : { status: 'signed_out', mode: 'standalone', tokenRejected: false };
}

function update(next: Session): void {
  current = next;
  for (const listener of listeners) listener();
}

export function getSession(): Session {
  return current;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session {
  return useSyncExternalStore(subscribeSession, getSession);
}

/** The admin pasted a token that the api accepted. */
export function signInStandalone(token: string): void {
  writeStored('session', STORAGE_KEY, token);
  update({ status: 'signed_in', mode: 'standalone', token });
}

export function signOut(): void {
  writeStored('session', STORAGE_KEY, null);
  update({ status: 'signed_out', mode: current.mode, tokenRejected: false });
}

/** The api answered 401 to `token`; ends the session if it still uses that token. */
export function rejectToken(token: string): void {
  if (current.status !== 'signed_in' || current.token !== token) return;
  if (current.mode === 'standalone') writeStored('session', STORAGE_KEY, null);
  update({ status: 'signed_out', mode: current.mode, tokenRejected: true });
}

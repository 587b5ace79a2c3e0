import { useSyncExternalStore } from 'react';
import { readStored, writeStored } from '../lib/storage.js';

/**
 * Who the app talks to the api as. The admin token lives in memory; a standalone sign-in also
 * keeps it in sessionStorage so a reload of the tab does not sign out.
 */
export type Session =
  | { status: 'signed_in'; token: string }
  | { status: 'signed_out'; tokenRejected: boolean };

const STORAGE_KEY = 'olb.adminToken';
const listeners = new Set<() => void>();

let current: Session = restore();

function restore(): Session {
  const token = readStored('session', STORAGE_KEY);
  return token ? { status: 'signed_in', token } : { status: 'signed_out', tokenRejected: false };
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
  update({ status: 'signed_in', token });
}

export function signOut(): void {
  writeStored('session', STORAGE_KEY, null);
  update({ status: 'signed_out', tokenRejected: false });
}

/** The api answered 401 to `token`; ends the session if it still uses that token. */
export function rejectToken(token: string): void {
  if (current.status !== 'signed_in' || current.token !== token) return;
  writeStored('session', STORAGE_KEY, null);
  update({ status: 'signed_out', tokenRejected: true });
}

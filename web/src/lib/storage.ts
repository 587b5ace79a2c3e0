/**
 * Web Storage that never throws: inside the Bitrix24 iframe the browser may block storage
 * (third-party cookies off), and the app must still work, only without remembering.
 */
type StorageKind = 'local' | 'session';

function storage(kind: StorageKind): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

export function readStored(kind: StorageKind, key: string): string | null {
  try {
    return storage(kind)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Stores `value`, or removes the key when `value` is null. */
export function writeStored(kind: StorageKind, key: string, value: string | null): void {
  try {
    const target = storage(kind);
    if (value === null) target?.removeItem(key);
    else target?.setItem(key, value);
  } catch {
    // Storage is full or blocked: the value lives in memory only.
  }
}

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PortalState } from './state.js';

/** Reads a state file written by `stateWriter`; a missing or foreign file means a fresh portal. */
export function readState(file: string): PortalState | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<PortalState>;
  return parsed.version === 1 ? (parsed as PortalState) : undefined;
}

/** Writes the state at most every `delayMs` (atomically: temp file, then rename); `flush` writes now. */
export function stateWriter(file: string, delayMs = 250) {
  mkdirSync(path.dirname(file), { recursive: true });
  let timer: NodeJS.Timeout | undefined;
  let latest: PortalState | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!latest) return;
    writeFileSync(`${file}.tmp`, JSON.stringify(latest));
    renameSync(`${file}.tmp`, file);
  };
  return {
    schedule(state: PortalState) {
      latest = state;
      timer ??= setTimeout(flush, delayMs);
    },
    flush,
  };
}

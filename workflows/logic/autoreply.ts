/** The autoresponders' kinds: a client gets at most one reply of each kind per period. */
export type AutoreplyKind = 'missedCall' | 'voiceMessage';

/** When the client last got each kind of autoreply (ms since epoch). */
export type AutoreplyMemory = Partial<Record<AutoreplyKind, number>>;

/** Whether another autoreply of this kind may go out now: none yet, or the last is a full period old. */
export function autoreplyDue(memory: AutoreplyMemory, kind: AutoreplyKind, now: number, periodHours: number): boolean {
  const last = memory[kind];
  return last === undefined || now - last >= periodHours * 3_600_000;
}

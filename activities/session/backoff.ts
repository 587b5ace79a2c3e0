/**
 * Pause before reconnect attempt `attempt` (0-based): exponential from `baseMs`, capped, with "equal
 * jitter" so that many accounts dropped by one network fault do not reconnect in lockstep.
 */
export function reconnectDelayMs(attempt: number, random: number, options: { baseMs?: number; capMs?: number } = {}): number {
  const base = options.baseMs ?? 1000;
  const cap = options.capMs ?? 60_000;
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

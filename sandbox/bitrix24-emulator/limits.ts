import { errors, RestError } from './errors.js';

/**
 * The per-portal leaky bucket: each request adds 1, the counter drains at `drainPerSecond`, and past
 * `limit` the portal answers 503 QUERY_LIMIT_EXCEEDED (a refused request adds nothing).
 */
export class LeakyBucket {
  private level = 0;
  private at = 0;

  take(now: number, rate: { enabled: boolean; limit: number; drainPerSecond: number }): void {
    if (!rate.enabled) return;
    this.level = Math.max(0, this.level - ((now - this.at) / 1000) * rate.drainPerSecond);
    this.at = now;
    if (this.level + 1 > rate.limit) throw errors.queryLimit();
    this.level += 1;
  }

  reset(): void {
    this.level = 0;
  }
}

export const FAULT_KINDS = ['QUERY_LIMIT_EXCEEDED', 'expired_token', 'internal', 'OPERATION_TIME_LIMIT', 'invalid_token'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const faultError = (kind: FaultKind): RestError =>
  ({
    QUERY_LIMIT_EXCEEDED: errors.queryLimit,
    expired_token: errors.expiredToken,
    invalid_token: errors.invalidToken,
    internal: errors.internal,
    OPERATION_TIME_LIMIT: errors.operationTimeLimit,
  })[kind]();

/** Failures injected for the next calls to a method (`*` = any method), answered before it runs. */
export class Faults {
  private pending: Array<{ method: string; kind: FaultKind; left: number }> = [];

  inject(method: string, kind: FaultKind, count: number): void {
    this.pending.push({ method: method.toLowerCase(), kind, left: count });
  }

  /** The error to answer this call with, if one is pending (consumes it). */
  take(method: string): RestError | undefined {
    const fault = this.pending.find((f) => f.left > 0 && (f.method === method || f.method === '*'));
    if (!fault) return undefined;
    fault.left -= 1;
    this.pending = this.pending.filter((f) => f.left > 0);
    return faultError(fault.kind);
  }

  list(): Array<{ method: string; kind: FaultKind; left: number }> {
    return this.pending.map((f) => ({ ...f }));
  }

  clear(): void {
    this.pending = [];
  }
}

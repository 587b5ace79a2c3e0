import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A leaky bucket per portal, mirroring Bitrix24's own (§1.4): each request adds one, the bucket drains
 * at `perSecond`, and a request that would overflow `burst` waits. Keeping below the portal's limit
 * avoids QUERY_LIMIT_EXCEEDED; the limit is per process, and the retry on that answer covers the rest.
 */
export class LeakyBucket {
  private level = 0;
  private updatedAt = Date.now();
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond = 2,
    private readonly burst = 10,
  ) {}

  /**
   * Resolves when one more request fits; callers are served in arrival order. A caller whose `signal`
   * fires stops waiting (rejects) and takes no room, so the next in line goes on.
   */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.tail.then(() => this.waitForRoom(signal));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async waitForRoom(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.drain();
    const overflow = this.level + 1 - this.burst;
    if (overflow > 0) {
      await sleep((overflow / this.perSecond) * 1000, undefined, { signal });
      this.drain();
    }
    this.level += 1;
  }

  private drain(): void {
    const now = Date.now();
    this.level = Math.max(0, this.level - ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
  }
}

const buckets = new Map<string, LeakyBucket>();

/** The process-wide bucket of one portal (by member_id). */
export function portalBucket(memberId: string): LeakyBucket {
  let bucket = buckets.get(memberId);
  if (!bucket) buckets.set(memberId, (bucket = new LeakyBucket()));
  return bucket;
}

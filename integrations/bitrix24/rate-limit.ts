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

  /** Resolves when one more request fits; callers are served in arrival order. */
  take(): Promise<void> {
    const turn = this.tail.then(() => this.waitForRoom());
    this.tail = turn;
    return turn;
  }

  private async waitForRoom(): Promise<void> {
    this.drain();
    const overflow = this.level + 1 - this.burst;
    if (overflow > 0) {
      await new Promise((resolve) => setTimeout(resolve, (overflow / this.perSecond) * 1000));
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

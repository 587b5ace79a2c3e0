import { randomUUID } from 'node:crypto';
import type { AckFrame } from '../../../sandbox/whatsapp-simulator/protocol.js';
import { TransportError } from '../transport.js';

interface Pending {
  resolve: (ack: AckFrame) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Requests awaiting WhatsApp's ack, matched by request id; none waits forever. */
export class PendingRequests {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly timeoutMs: number) {}

  create(what: string): { requestId: string; ack: Promise<AckFrame> } {
    const requestId = randomUUID();
    const ack = new Promise<AckFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new TransportError('timeout', `WhatsApp did not answer ${what} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
    });
    return { requestId, ack };
  }

  settle(ack: AckFrame): void {
    const pending = this.pending.get(ack.requestId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(ack.requestId);
    pending.resolve(ack);
  }

  rejectAll(error: Error): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}

import { randomBytes } from 'node:crypto';

export interface QrTiming {
  /** How long the first QR stays valid (WhatsApp: 60 s). */
  firstMs: number;
  /** How long each later QR stays valid (WhatsApp: 20 s). */
  rotateMs: number;
  /** How many times the QR is replaced before WhatsApp gives up with 408. */
  rotations: number;
}

export interface QrTimingOptions {
  qrFirstMs?: number;
  qrRotateMs?: number;
  qrRotations?: number;
}

/** WhatsApp's timing unless a test shortens it; the first QR lives three rotations, as WhatsApp's does. */
export function qrTiming(options: QrTimingOptions): QrTiming {
  const rotateMs = options.qrRotateMs ?? 20_000;
  return { rotateMs, firstMs: options.qrFirstMs ?? rotateMs * 3, rotations: options.qrRotations ?? 5 };
}

const base64Key = () => randomBytes(32).toString('base64');

/**
 * Offers the QR codes of one pairing socket. A WhatsApp QR is `ref,noiseKey,identityKey,advSecret`;
 * the keys belong to the socket and only the ref changes from one code to the next.
 */
export class QrRotation {
  private readonly keys = [base64Key(), base64Key(), base64Key()];
  private offered = 0;
  private timer: NodeJS.Timeout | undefined;
  private currentQr: string | undefined;

  constructor(
    private readonly timing: QrTiming,
    private readonly onQr: (qr: string, expiresAt: number) => void,
    private readonly onExhausted: () => void,
  ) {}

  get current(): string | undefined {
    return this.currentQr;
  }

  start(): void {
    this.offer();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** WhatsApp stops offering codes now (what happens when the attempts run out). */
  exhaust(): void {
    this.stop();
    this.currentQr = undefined;
    this.onExhausted();
  }

  private offer(): void {
    if (this.offered > this.timing.rotations) return this.exhaust();
    const ttl = this.offered === 0 ? this.timing.firstMs : this.timing.rotateMs;
    this.offered += 1;
    this.currentQr = `2@${randomBytes(24).toString('base64')},${this.keys.join(',')}`;
    this.timer = setTimeout(() => this.offer(), ttl);
    this.onQr(this.currentQr, Date.now() + ttl);
  }
}

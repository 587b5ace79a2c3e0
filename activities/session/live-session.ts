import type { SessionOutcome, SessionReportBody } from '../../domain/session.js';
import { LAST_ERRORS } from '../../domain/session.js';
import type { Logger } from '../../lib/logger.js';
import type { AuthStore, CloseReason, TransportEvent, TransportFactory, WhatsAppTransport } from '../../integrations/whatsapp/transport.js';
import { reconnectDelayMs } from './backoff.js';
import { clearQr, saveQr } from './qr.js';

type StateEvent = Extract<TransportEvent, { type: 'qr' | 'open' | 'restriction' }>;

export interface LiveSessionOptions {
  connectorId: string;
  showOnline: boolean;
  transportFactory: TransportFactory;
  auth: AuthStore;
  logger: Logger;
  report: (report: SessionReportBody) => Promise<void>;
  /** Everything else the socket hears (messages, receipts, calls): the inbound pipeline. */
  onTraffic?: (event: TransportEvent) => void;
  random?: () => number;
}

/**
 * One account's socket over time: connects, reconnects with backoff on every close that allows it, and
 * ends only when WhatsApp says the session cannot go on (logged out, replaced, QR attempts ended) or
 * when stopped. State changes are reported, each once, to the ConnectorWorkflow.
 */
export class LiveSession {
  private transport?: WhatsAppTransport;
  private stopped = false;
  private lastReport = '';
  private wakeFromPause?: () => void;
  private liftTimer?: NodeJS.Timeout;
  /** Ends the current connection attempt; a transport need not report the close we asked for. */
  private endAttempt?: (close: { reason: CloseReason; code?: number }) => void;
  /**
   * State events are handled one after the other, in the order the socket emitted them: handled side by
   * side, a QR whose save was slow could be reported after the `open` that followed it, leaving a
   * paired account showing "pairing" with a dead QR.
   */
  private stateEvents: Promise<void> = Promise.resolve();

  constructor(private readonly options: LiveSessionOptions) {}

  async run(): Promise<SessionOutcome | undefined> {
    let attempt = 0;
    while (!this.stopped) {
      const close = await this.connectOnce(() => (attempt = 0));
      if (this.stopped) return undefined;
      this.options.logger.info({ reason: close.reason, code: close.code }, 'socket closed');
      switch (close.reason) {
        case 'restart_required':
          continue;
        case 'logged_out':
          await this.options.auth.clear();
          await clearQr(this.options.connectorId);
          return { kind: 'logged_out' };
        case 'connection_replaced':
          return { kind: 'conflict' };
        case 'qr_attempts_ended':
          await clearQr(this.options.connectorId);
          return { kind: 'qr_timeout' };
        case 'stale_whatsapp_version':
          await this.reportOnce({ kind: 'reconnecting', lastError: LAST_ERRORS.staleWhatsAppVersion });
          await this.pause(reconnectDelayMs(attempt++, this.random(), { capMs: 300_000 }));
          break;
        case 'connection_lost':
          await this.reportOnce({ kind: 'reconnecting', lastError: LAST_ERRORS.connectionLost });
          await this.pause(reconnectDelayMs(attempt++, this.random()));
          break;
      }
    }
    return undefined;
  }

  /** Closes the socket without logging out; `run()` then resolves with undefined. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.liftTimer);
    this.wakeFromPause?.();
    await this.transport?.close();
    this.endAttempt?.({ reason: 'connection_lost' });
  }

  /** Removes this device from the account; `run()` then ends as logged out. */
  async logout(): Promise<void> {
    if (!this.transport) throw new Error('no socket to log out');
    await this.transport.logout();
  }

  requestPairingCode(phone: string): Promise<string> {
    if (!this.transport) throw new Error('no socket to pair');
    return this.transport.requestPairingCode(phone);
  }

  async setOnline(online: boolean): Promise<void> {
    await this.transport?.setOnline(online);
  }

  /** The live transport, for sends next to the socket. */
  get socket(): WhatsAppTransport | undefined {
    return this.transport;
  }

  private connectOnce(onOpen: () => void): Promise<{ reason: CloseReason; code?: number }> {
    return new Promise((resolve, reject) => {
      this.endAttempt = resolve;
      const transport = this.options.transportFactory({
        connectorId: this.options.connectorId,
        auth: this.options.auth,
        showOnline: this.options.showOnline,
        logger: this.options.logger,
        onEvent: (event) => {
          if (event.type === 'close') resolve(event);
          else if (event.type === 'qr' || event.type === 'open' || event.type === 'restriction') this.queueStateEvent(event, onOpen);
          else this.options.onTraffic?.(event);
        },
      });
      this.transport = transport;
      transport.connect().catch(reject);
    });
  }

  private queueStateEvent(event: StateEvent, onOpen: () => void): void {
    this.stateEvents = this.stateEvents
      .then(() => this.handle(event, onOpen))
      .catch((err: unknown) => this.options.logger.error({ err, event: event.type }, 'session event failed'));
  }

  private async handle(event: StateEvent, onOpen: () => void): Promise<void> {
    const { connectorId } = this.options;
    switch (event.type) {
      case 'qr':
        await saveQr(connectorId, event.qr, event.expiresAt);
        await this.reportOnce({ kind: 'pairing' });
        return;
      case 'open':
        onOpen();
        await clearQr(connectorId);
        await this.reportOnce({ kind: 'connected', phone: event.phone, name: event.name });
        return;
      case 'restriction':
        await this.reportOnce({ kind: 'restriction', reason: event.reason, until: event.until ? new Date(event.until).toISOString() : undefined });
        this.liftAt(event.until);
        return;
    }
  }

  /**
   * Reports a state change once. A report that fails (Temporal briefly unreachable) is retried while
   * the session lives: a lost "connected" would leave the connector looking disconnected for good.
   */
  private async reportOnce(report: SessionReportBody): Promise<void> {
    const key = JSON.stringify(report);
    if (key === this.lastReport) return;
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.options.report(report);
        this.lastReport = key;
        return;
      } catch (err) {
        this.options.logger.warn({ err, report: report.kind, attempt }, 'session report failed; retrying');
        await this.pause(reconnectDelayMs(attempt, this.random(), { capMs: 10_000 }));
      }
    }
  }

  /**
   * WhatsApp announces when a restriction starts and until when, but not that it ended; the status
   * must not keep showing a pause that is over.
   */
  private liftAt(until: number | undefined): void {
    clearTimeout(this.liftTimer);
    if (until === undefined) return;
    this.liftTimer = setTimeout(() => {
      void this.reportOnce({ kind: 'restriction_lifted' });
    }, Math.max(0, until - Date.now()));
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeFromPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private random(): number {
    return (this.options.random ?? Math.random)();
  }
}

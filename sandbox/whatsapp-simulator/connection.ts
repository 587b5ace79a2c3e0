import { WebSocket, type RawData } from 'ws';
import { activeRestriction, touchAccount } from './accounts.js';
import type { SimulatorContext } from './context.js';
import { clearQr, storeQr, verifyCreds } from './devices.js';
import { decodeClientFrame, encodeFrame, WhatsAppCode, WS_CODE_OFFSET, type AckFrame, type ClientFrame, type ServerFrame, type SimulatorCreds } from './protocol.js';
import { QrRotation } from './qr.js';
import { answerRequest } from './socket-requests.js';
import type { LiveSocket } from './sockets.js';

/** A protocol violation, closed like any WebSocket server closes a peer it cannot talk to. */
const POLICY_VIOLATION = 1008;

/**
 * The server side of one transport's socket: hello, then either pairing (rotating QR codes until the
 * phone scans or the attempts run out) or an open session answering the transport's requests.
 */
export class SimulatorConnection implements LiveSocket {
  private state: 'new' | 'pairing' | 'open' = 'new';
  private account = '';
  private rotation: QrRotation | undefined;
  private offeredQr: string | undefined;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: SimulatorContext,
  ) {
    // Frames are handled one at a time, in order, as WhatsApp processes one socket's stanzas.
    ws.on('message', (data) => {
      this.work = this.work.then(() => this.receive(data)).catch((err: unknown) => this.fail(err));
    });
    ws.on('close', () => this.closed());
    ws.on('error', (err) => ctx.logger.debug({ err, connectorId: this.connectorId }, 'simulator socket error'));
  }

  get phase(): 'new' | 'pairing' | 'open' {
    return this.state;
  }

  /** The account the socket said hello for. */
  get connectorId(): string {
    return this.account;
  }

  get live(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  get currentQr(): string | undefined {
    return this.state === 'pairing' ? this.rotation?.current : undefined;
  }

  send(frame: ServerFrame): Promise<void> {
    return new Promise((resolve, reject) => this.ws.send(encodeFrame(frame), (err) => (err ? reject(err) : resolve())));
  }

  reply(requestId: string, ack: Omit<AckFrame, 'type' | 'requestId'>): Promise<void> {
    return this.send({ type: 'ack', requestId, ...ack });
  }

  /** Closes as WhatsApp does: a close frame with its code, then the WebSocket close carrying it too. */
  closeWith(code: number, reason: string): void {
    this.rotation?.stop();
    if (!this.live) return;
    this.ws.send(encodeFrame({ type: 'close', code, reason }));
    this.ws.close(WS_CODE_OFFSET + code, reason);
  }

  /** A network fault: the connection is gone without a close handshake. */
  drop(): void {
    this.rotation?.stop();
    this.ws.terminate();
  }

  /** The phone scanned the QR or typed the code: hand over the creds, then restart as WhatsApp demands. */
  async completePairing(creds: SimulatorCreds): Promise<void> {
    this.rotation?.stop();
    await this.send({ type: 'paired', creds });
    this.closeWith(WhatsAppCode.restartRequired, 'restart required');
  }

  exhaustQr(): void {
    this.rotation?.exhaust();
  }

  private async receive(data: RawData): Promise<void> {
    const frame = decodeClientFrame(data);
    if (!frame) return this.ws.close(POLICY_VIOLATION, 'not a valid frame');
    if (frame.type === 'hello') return this.state === 'new' ? this.hello(frame) : this.ws.close(POLICY_VIOLATION, 'hello twice');
    if (this.state === 'new') return this.ws.close(POLICY_VIOLATION, 'hello first');
    await answerRequest(this, frame, this.ctx);
  }

  private async hello(frame: Extract<ClientFrame, { type: 'hello' }>): Promise<void> {
    this.account = frame.connectorId;
    await touchAccount(this.connectorId);
    if (!frame.creds) return this.startPairing();
    const device = await verifyCreds(this.connectorId, frame.creds);
    // WhatsApp answers creds of a removed device with 401, and the client must pair again.
    if (!device) return this.closeWith(WhatsAppCode.loggedOut, 'device removed');
    if (!this.live) return;
    this.state = 'open';
    this.ctx.sockets.add(this);
    await this.send({ type: 'open', ...device });
    const restriction = await activeRestriction(this.connectorId);
    if (restriction) await this.send({ type: 'restriction', ...restriction });
    this.ctx.backlog.deliver(this.connectorId);
  }

  private startPairing(): void {
    if (!this.live) return;
    this.state = 'pairing';
    this.ctx.sockets.add(this);
    this.rotation = new QrRotation(
      this.ctx.qr,
      (qr, expiresAt) => this.offerQr(qr, expiresAt),
      () => this.closeWith(WhatsAppCode.qrAttemptsEnded, 'QR refs attempts ended'),
    );
    this.rotation.start();
  }

  /** Stored before it is sent, so the QR the transport shows is already the one in the database. */
  private offerQr(qr: string, expiresAt: number): void {
    this.offeredQr = qr;
    storeQr(this.connectorId, qr, expiresAt).then(
      // A socket that closed meanwhile simply misses the code, as a phone misses an expired one.
      () => this.send({ type: 'qr', qr, expiresAt }).catch(() => undefined),
      (err: unknown) => this.ctx.logger.warn({ err, connectorId: this.connectorId }, 'could not store the QR; it is not offered'),
    );
  }

  private closed(): void {
    this.rotation?.stop();
    this.ctx.sockets.remove(this);
    const qr = this.offeredQr;
    if (qr) clearQr(this.connectorId, qr).catch((err: unknown) => this.ctx.logger.warn({ err, connectorId: this.connectorId }, 'could not clear the QR'));
  }

  private fail(err: unknown): void {
    this.ctx.logger.error({ err, connectorId: this.connectorId }, 'simulator socket failed');
    this.closeWith(WhatsAppCode.badSession, 'internal error');
  }
}

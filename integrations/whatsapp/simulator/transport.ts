import { WebSocket, type RawData } from 'ws';
import {
  credsSchema,
  decodeServerFrame,
  encodeFrame,
  SIMULATOR_SOCKET_PATH,
  type AckFrame,
  type RequestFrame,
  type ServerFrame,
} from '../../../sandbox/whatsapp-simulator/protocol.js';
import type { Logger } from '../../../lib/logger.js';
import {
  TransportError,
  type OutboundContent,
  type TransportEvent,
  type TransportFactory,
  type TransportOptions,
  type WhatsAppTransport,
} from '../transport.js';
import { closeReason, whatsAppCode } from './close-reason.js';
import { transportEvent, wireMedia } from './events.js';
import { PendingRequests } from './pending-requests.js';

export interface SimulatorTransportOptions {
  /** How long a request (send, number check, pairing code) waits for the simulator's ack. */
  requestTimeoutMs?: number;
}

/**
 * The sandbox's WhatsApp: connects to the simulator served by the api over a WebSocket, as Baileys
 * connects to WhatsApp. `serverUrl` is the simulator's socket URL (WHATSAPP_SIMULATOR_URL) or the api's
 * http(s) base URL. Like Baileys it never reconnects by itself; the session host decides from the close
 * events.
 */
export function createSimulatorTransport(serverUrl: string, options: SimulatorTransportOptions = {}): TransportFactory {
  const socketUrl = simulatorSocketUrl(serverUrl);
  return (transportOptions) => new SimulatorTransport(socketUrl, transportOptions, options.requestTimeoutMs ?? 15_000);
}

function simulatorSocketUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.protocol === 'ws:' || url.protocol === 'wss:') return url.toString();
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${SIMULATOR_SOCKET_PATH}`;
  return url.toString();
}

type RequestOf = (requestId: string) => RequestFrame;

class SimulatorTransport implements WhatsAppTransport {
  private ws: WebSocket | undefined;
  private opened = false;
  private stopping = false;
  private closeFrame: Extract<ServerFrame, { type: 'close' }> | undefined;
  private credsSaved: Promise<void> = Promise.resolve();
  private readonly requests: PendingRequests;
  private readonly logger: Logger;
  private reportClosed: () => void = () => undefined;
  /** Settles once the socket closed and its close event (if any) was reported. */
  private readonly closed = new Promise<void>((resolve) => (this.reportClosed = resolve));

  constructor(
    private readonly url: string,
    private readonly options: TransportOptions,
    requestTimeoutMs: number,
  ) {
    this.requests = new PendingRequests(requestTimeoutMs);
    this.logger = options.logger.child({ connectorId: options.connectorId, transport: 'simulator' });
  }

  /**
   * Resolves once the socket is open and has said hello. When the simulator cannot be reached, the
   * attempt ends with a `connection_lost` close event, as a Baileys socket's does.
   */
  async connect(): Promise<void> {
    if (this.ws) throw new Error('connect() was already called: open a new transport to reconnect');
    const creds = credsSchema.safeParse(await this.options.auth.readCreds());
    const ws = new WebSocket(this.url);
    this.ws = ws;
    let failure: Error | undefined;
    ws.on('error', (err) => {
      failure = err;
      this.logger.debug({ err }, 'simulator socket error');
    });
    ws.on('message', (data) => this.receive(data));
    ws.on('close', (code, reason) => void this.onClose(code, reason.toString() || failure?.message || ''));
    const opened = await new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    if (opened) this.write({ type: 'hello', connectorId: this.options.connectorId, ...(creds.success && { creds: creds.data }) });
  }

  async requestPairingCode(phone: string): Promise<string> {
    const ack = await this.request('pairing_code_request', (requestId) => ({ type: 'pairing_code_request', requestId, phone }));
    if (!ack.code) throw new TransportError('rejected', 'the simulator sent no pairing code');
    return ack.code;
  }

  async isOnWhatsApp(phone: string): Promise<boolean> {
    const ack = await this.request('check_number', (requestId) => ({ type: 'check_number', requestId, phone }));
    return ack.exists === true;
  }

  async send(toPhone: string, content: OutboundContent, messageId: string): Promise<void> {
    const media = content.media && wireMedia(content.media);
    const ack = await this.request('send', (requestId) => ({ type: 'send', requestId, id: messageId, to: toPhone, text: content.text, media }));
    if (ack.status === 'not_on_whatsapp') throw new TransportError('not_on_whatsapp', `${toPhone} is not on WhatsApp`);
  }

  async editMessage(toPhone: string, messageId: string, text: string): Promise<void> {
    await this.request('edit', (requestId) => ({ type: 'edit', requestId, id: messageId, to: toPhone, text }));
  }

  async deleteMessage(toPhone: string, messageId: string): Promise<void> {
    await this.request('delete', (requestId) => ({ type: 'delete', requestId, id: messageId, to: toPhone }));
  }

  async setOnline(online: boolean): Promise<void> {
    await this.request('presence', (requestId) => ({ type: 'presence', requestId, online }));
  }

  /** Resolves after the simulator closed the socket and the `logged_out` close was reported. */
  async logout(): Promise<void> {
    await this.request('logout', (requestId) => ({ type: 'logout', requestId }));
    await this.closed;
  }

  async close(): Promise<void> {
    if (!this.ws) return;
    this.stopping = true;
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close(1000, 'closed by the session host');
    await this.closed;
  }

  private async request(what: string, build: RequestOf): Promise<AckFrame> {
    if (this.ws?.readyState !== WebSocket.OPEN) throw new TransportError('not_connected', `cannot ${what}: the socket is not open`);
    const { requestId, ack } = this.requests.create(what);
    this.write(build(requestId));
    const answer = await ack;
    if (answer.status === 'error') throw ackError(answer);
    return answer;
  }

  private write(frame: Parameters<typeof encodeFrame>[0]): void {
    this.ws?.send(encodeFrame(frame));
  }

  private receive(data: RawData): void {
    const frame = decodeServerFrame(data);
    if (!frame) return this.logger.warn('ignored a frame that is not part of the simulator protocol');
    switch (frame.type) {
      case 'ack':
        return this.requests.settle(frame);
      case 'paired':
        // Saved before the 515 close is reported, so the reconnect that follows finds the creds.
        this.credsSaved = this.options.auth.writeCreds(frame.creds);
        return;
      case 'close':
        this.closeFrame = frame;
        return;
      case 'open':
        this.opened = true;
        this.emit(frame.name ? { type: 'open', phone: frame.phone, name: frame.name } : { type: 'open', phone: frame.phone });
        if (this.options.showOnline) this.setOnline(true).catch((err: unknown) => this.logger.warn({ err }, 'could not show the account online'));
        return;
      default:
        return this.emit(transportEvent(frame));
    }
  }

  private async onClose(wsCode: number, wsReason: string): Promise<void> {
    this.requests.rejectAll(new TransportError('not_connected', 'the socket closed before WhatsApp answered'));
    try {
      await this.credsSaved;
    } catch (err) {
      this.logger.error({ err }, 'could not store the creds from pairing; the next connect will pair again');
    }
    if (!this.stopping) this.reportClose(wsCode, wsReason);
    this.reportClosed();
  }

  private reportClose(wsCode: number, wsReason: string): void {
    const code = this.closeFrame?.code ?? whatsAppCode(wsCode);
    const detail = this.closeFrame?.reason ?? wsReason;
    this.emit({ type: 'close', reason: closeReason(code, !this.opened), code, ...(detail && { detail }) });
  }

  private emit(event: TransportEvent): void {
    try {
      this.options.onEvent(event);
    } catch (err) {
      this.logger.error({ err, event: event.type }, 'the transport event handler failed');
    }
  }
}

function ackError(ack: AckFrame): TransportError {
  const detail = ack.error ?? 'unknown error';
  if (detail === 'restricted' || detail === 'not_connected') return new TransportError(detail, `WhatsApp refused: ${detail}`);
  return new TransportError('rejected', `WhatsApp refused: ${detail}`);
}

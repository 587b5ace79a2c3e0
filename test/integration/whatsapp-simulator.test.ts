import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, test } from 'node:test';
import express from 'express';
import { errorHandler } from '../../api/errors.js';
import { newId } from '../../lib/ids.js';
import { createLogger } from '../../lib/logger.js';
import { createSimulatorTransport } from '../../integrations/whatsapp/simulator/transport.js';
import type { AuthStore, TransportEvent, WhatsAppTransport } from '../../integrations/whatsapp/transport.js';
import { SimulatorControlError, simulatorControl, type SimulatorControl } from '../../sandbox/whatsapp-simulator/control-client.js';
import { SIMULATOR_SOCKET_PATH } from '../../sandbox/whatsapp-simulator/protocol.js';
import type { QrTimingOptions } from '../../sandbox/whatsapp-simulator/qr.js';
import { mountWhatsAppSimulator } from '../../sandbox/whatsapp-simulator/server.js';
import { useTestDatabase } from '../support/servers.js';

const logger = createLogger('whatsapp-simulator-test', process.env.LOG_LEVEL ?? 'silent');
const PHONE = '+79161234567';
const CLIENT = '+79031112233';

/** The storage side of the transport, in memory: the test double of the product's encrypted auth store. */
class MemoryAuthStore implements AuthStore {
  creds: unknown;
  private readonly keys = new Map<string, unknown>();
  readCreds = () => Promise.resolve(this.creds);
  writeCreds = (creds: unknown) => {
    this.creds = creds;
    return Promise.resolve();
  };
  getKeys = (type: string, ids: string[]) =>
    Promise.resolve(Object.fromEntries(ids.filter((id) => this.keys.has(`${type}/${id}`)).map((id) => [id, this.keys.get(`${type}/${id}`)])));
  setKeys = (data: Record<string, Record<string, unknown>>) => {
    for (const [type, values] of Object.entries(data)) {
      for (const [id, value] of Object.entries(values)) {
        if (value === null) this.keys.delete(`${type}/${id}`);
        else this.keys.set(`${type}/${id}`, value);
      }
    }
    return Promise.resolve();
  };
  clear = () => {
    this.creds = undefined;
    this.keys.clear();
    return Promise.resolve();
  };
}

/** Matches the error of a control call the simulator refused with `status` (and `error`, when given). */
const refused = (status: number, error?: string) => (err: unknown) =>
  err instanceof SimulatorControlError && err.status === status && (error === undefined || err.body.error === error);

type EventOf<T extends TransportEvent['type']> = Extract<TransportEvent, { type: T }>;

/** Every event a transport reported; `next` takes the earliest one not yet taken, waiting for it if need be. */
class Events {
  readonly list: TransportEvent[] = [];
  private readonly taken = new Set<number>();
  private readonly waiters = new Set<() => void>();
  readonly onEvent = (event: TransportEvent) => {
    this.list.push(event);
    for (const wake of this.waiters) wake();
  };

  next<T extends TransportEvent['type']>(type: T, match: (event: EventOf<T>) => boolean = () => true, timeoutMs = 5000): Promise<EventOf<T>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const index = this.list.findIndex((event, i) => !this.taken.has(i) && event.type === type && match(event as EventOf<T>));
        if (index < 0) return;
        this.taken.add(index);
        settle();
        resolve(this.list[index] as EventOf<T>);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`no ${type} event within ${timeoutMs} ms; saw ${this.list.map((event) => event.type).join(', ') || 'nothing'}`));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}

interface Session {
  connectorId: string;
  auth: MemoryAuthStore;
  transport: WhatsAppTransport;
  events: Events;
}

let dropDatabase: () => Promise<void>;
let url: string;
let socketUrl: string;
let control: SimulatorControl;
let stopSimulator: () => Promise<void>;
const transports: WhatsAppTransport[] = [];

async function startSimulator(qr: QrTimingOptions = {}) {
  const app = express();
  const server = createServer(app);
  const simulator = mountWhatsAppSimulator(app, server, { logger, defaultRegion: 'RU', qrFirstMs: 200, qrRotateMs: 200, qrRotations: 1000, ...qr });
  app.use(errorHandler(logger));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = async () => {
    await simulator.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: base, socketUrl: `${base.replace('http:', 'ws:')}${SIMULATOR_SOCKET_PATH}`, control: simulatorControl(base), stop };
}

interface ConnectOptions {
  connectorId?: string;
  auth?: MemoryAuthStore;
  serverUrl?: string;
  showOnline?: boolean;
}

async function connect({ connectorId = newId(), auth = new MemoryAuthStore(), serverUrl = socketUrl, showOnline = false }: ConnectOptions = {}): Promise<Session> {
  const events = new Events();
  const transport = createSimulatorTransport(serverUrl, { requestTimeoutMs: 5000 })({ connectorId, auth, showOnline, logger, onEvent: events.onEvent });
  transports.push(transport);
  await transport.connect();
  return { connectorId, auth, transport, events };
}

/** Pairs a new account by QR as `phone` and returns its reconnected, open session. */
async function paired(phone = PHONE): Promise<Session> {
  const pairing = await connect();
  await pairing.events.next('qr');
  await control.scan(pairing.connectorId, { phone });
  await pairing.events.next('close');
  const session = await connect({ connectorId: pairing.connectorId, auth: pairing.auth });
  await session.events.next('open');
  return session;
}

before(async () => {
  dropDatabase = await useTestDatabase();
  ({ url, socketUrl, control, stop: stopSimulator } = await startSimulator());
});
afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
});
after(async () => {
  await stopSimulator();
  await dropDatabase();
});

test('a socket without creds is offered a QR in WhatsApp’s format that rotates, keeping its keys', async () => {
  const { events } = await connect();
  const first = await events.next('qr');
  const second = await events.next('qr');
  assert.match(first.qr, /^2@[^,]+,[^,]+,[^,]+,[^,]+$/);
  assert.notEqual(second.qr, first.qr);
  assert.equal(second.qr.split(',').slice(1).join(), first.qr.split(',').slice(1).join());
  assert.ok(second.expiresAt > first.expiresAt);
});

test('the current QR is stored with the account', async () => {
  const { connectorId, events } = await connect();
  const { qr, expiresAt } = await events.next('qr');
  const account = await control.account(connectorId);
  assert.deepEqual([account.socket, account.qr, account.qrExpiresAt], ['pairing', qr, expiresAt]);
});

test('when the QR rotations run out the socket closes with qr_attempts_ended (408)', async () => {
  const short = await startSimulator({ qrFirstMs: 50, qrRotateMs: 50, qrRotations: 2 });
  try {
    const { events } = await connect({ serverUrl: short.socketUrl });
    const close = await events.next('close');
    assert.deepEqual([close.reason, close.code], ['qr_attempts_ended', 408]);
    assert.equal(events.list.filter((event) => event.type === 'qr').length, 3);
  } finally {
    await short.stop();
  }
});

test('qr-timeout makes WhatsApp stop offering codes: close with qr_attempts_ended', async () => {
  const { connectorId, events } = await connect();
  await events.next('qr');
  await control.qrTimeout(connectorId);
  assert.equal((await events.next('close')).reason, 'qr_attempts_ended');
});

test('scanning the QR stores the creds, then closes with restart_required (515)', async () => {
  const { connectorId, auth, events } = await connect();
  await events.next('qr');
  await control.scan(connectorId, { phone: '8 916 123-45-67' });
  const close = await events.next('close');
  assert.deepEqual([close.reason, close.code], ['restart_required', 515]);
  assert.equal((auth.creds as { phone: string }).phone, PHONE);
});

test('reconnecting with the creds from pairing opens as the scanned phone without a QR', async () => {
  const session = await paired();
  assert.deepEqual(session.events.list, [{ type: 'open', phone: PHONE }]);
});

test('scanning a QR that has rotated away is refused with 409 qr_expired', async () => {
  const { connectorId, events } = await connect();
  const { qr } = await events.next('qr');
  await events.next('qr');
  await assert.rejects(control.scan(connectorId, { phone: PHONE, qr }), refused(409, 'qr_expired'));
});

test('scanning when no socket offers a QR is refused with 409 not_pairing', async () => {
  await assert.rejects(control.scan(newId(), { phone: PHONE }), refused(409, 'not_pairing'));
});

test('a pairing code requested by the transport pairs the account when the phone enters it', async () => {
  const { connectorId, auth, transport, events } = await connect();
  await events.next('qr');
  const code = await transport.requestPairingCode(PHONE);
  assert.match(code, /^[A-Z0-9]{8}$/);
  await control.pairCode(connectorId, { phone: PHONE, code });
  assert.equal((await events.next('close')).reason, 'restart_required');
  const reopened = await connect({ connectorId, auth });
  assert.equal((await reopened.events.next('open')).phone, PHONE);
});

test('a wrong pairing code is refused and the socket keeps pairing', async () => {
  const { connectorId, transport, events } = await connect();
  await events.next('qr');
  await transport.requestPairingCode(PHONE);
  await assert.rejects(control.pairCode(connectorId, { phone: PHONE, code: 'WRONG123' }), refused(409, 'wrong_pairing_code'));
  assert.equal((await control.account(connectorId)).socket, 'pairing');
});

test('a device removed from the phone closes with logged_out (401)', async () => {
  const { connectorId, events } = await paired();
  await control.logout(connectorId);
  const close = await events.next('close');
  assert.deepEqual([close.reason, close.code], ['logged_out', 401]);
});

test('creds of a removed device are refused with logged_out; without creds the account pairs again', async () => {
  const { connectorId, auth } = await paired();
  await control.logout(connectorId);
  const refused = await connect({ connectorId, auth });
  assert.equal((await refused.events.next('close')).reason, 'logged_out');
  await auth.clear();
  const fresh = await connect({ connectorId, auth });
  await fresh.events.next('qr');
});

test('the account logging itself out closes with logged_out and unlinks the device', async () => {
  const { connectorId, transport, events } = await paired();
  await transport.logout();
  assert.equal((await events.next('close')).reason, 'logged_out');
  assert.equal((await control.account(connectorId)).paired, false);
});

test('another client taking over the account closes the socket with connection_replaced (440)', async () => {
  const { connectorId, events } = await paired();
  await control.conflict(connectorId);
  const close = await events.next('close');
  assert.deepEqual([close.reason, close.code], ['connection_replaced', 440]);
});

test('a dropped socket closes with connection_lost, and the same creds reopen without a QR', async () => {
  const { connectorId, auth, events } = await paired();
  await control.drop(connectorId);
  const close = await events.next('close');
  assert.deepEqual([close.reason, close.code], ['connection_lost', 428]);
  const reopened = await connect({ connectorId, auth });
  await reopened.events.next('open');
  assert.ok(!reopened.events.list.some((event) => event.type === 'qr'));
});

test('a second transport for the same connector closes the first with connection_replaced; the overlap is counted', async () => {
  const first = await paired();
  const second = await connect({ connectorId: first.connectorId, auth: first.auth });
  await second.events.next('open');
  assert.equal((await first.events.next('close')).reason, 'connection_replaced');
  assert.deepEqual(await control.sockets(first.connectorId), { open: 1, maxConcurrent: 2 });
});

test('a transport closed before the next one opens never makes two sockets at once', async () => {
  const first = await paired();
  await first.transport.close();
  const second = await connect({ connectorId: first.connectorId, auth: first.auth });
  await second.events.next('open');
  assert.deepEqual(await control.sockets(first.connectorId), { open: 1, maxConcurrent: 1 });
  assert.ok(!first.events.list.some((event) => event.type === 'close'), 'close() reports no close event');
});

test('a simulator that cannot be reached ends the connection attempt with connection_lost', async () => {
  const { events } = await connect({ serverUrl: 'http://127.0.0.1:1' });
  const close = await events.next('close');
  assert.deepEqual([close.reason, close.code], ['connection_lost', 428]);
});

test('an account connected with showOnline is advertised online', async () => {
  const { connectorId, auth, transport } = await paired();
  await transport.close();
  const session = await connect({ connectorId, auth, showOnline: true });
  await session.events.next('open');
  // The socket's requests are answered in order, so once this one is, the presence before it is stored.
  await session.transport.isOnWhatsApp(CLIENT);
  assert.equal((await control.account(connectorId)).online, true);
});

test('pairings survive recreating the simulator on the same database', async () => {
  const { connectorId, auth, transport } = await paired();
  await transport.send(CLIENT, { text: 'before the restart' }, 'ID-RESTART');
  const restarted = await startSimulator();
  try {
    const reopened = await connect({ connectorId, auth, serverUrl: restarted.socketUrl });
    assert.equal((await reopened.events.next('open')).phone, PHONE);
    assert.deepEqual((await restarted.control.sent(connectorId)).map((entry) => entry.id), ['ID-RESTART']);
  } finally {
    await restarted.stop();
  }
});

test('a client’s text arrives with the sender’s phone, LID and push name', async () => {
  const { connectorId, events } = await paired();
  const { id } = await control.inbound(connectorId, { from: '8 903 111-22-33', text: 'Hi there', pushName: 'Anna', quotedId: 'Q1' });
  const { message } = await events.next('message');
  assert.deepEqual({ ...message, timestamp: 0 }, {
    id,
    from: { phone: CLIENT, lid: message.from.lid, pushName: 'Anna' },
    fromMe: false,
    timestamp: 0,
    text: 'Hi there',
    quotedId: 'Q1',
  });
  assert.match(message.from.lid ?? '', /^\d{15}@lid$/);
});

test('a lidOnly sender is known by the same LID and push name, never by the phone', async () => {
  const { connectorId, events } = await paired();
  await control.inbound(connectorId, { from: CLIENT, text: 'by phone' });
  await control.inbound(connectorId, { from: CLIENT, text: 'by lid', lidOnly: true, pushName: 'Anna' });
  const byPhone = await events.next('message');
  const byLid = await events.next('message');
  assert.deepEqual(byLid.message.from, { lid: byPhone.message.from.lid, pushName: 'Anna' });
});

test('a voice note arrives as audio media marked voice, whose download gives the bytes', async () => {
  const { connectorId, events } = await paired();
  const bytes = Buffer.from('OggS-voice-note');
  await control.inbound(connectorId, { from: CLIENT, media: { kind: 'audio', mimetype: 'audio/ogg; codecs=opus', base64: bytes.toString('base64') }, voice: true });
  const { media } = (await events.next('message')).message;
  assert.deepEqual([media?.kind, media?.mimetype, media?.voice], ['audio', 'audio/ogg; codecs=opus', true]);
  assert.deepEqual(await media?.download(), bytes);
});

test('a document arrives with its mimetype and file name, and downloads', async () => {
  const { connectorId, events } = await paired();
  const bytes = Buffer.from('%PDF-1.7');
  await control.inbound(connectorId, { from: CLIENT, text: 'the invoice', media: { kind: 'document', mimetype: 'application/pdf', fileName: 'invoice.pdf', base64: bytes.toString('base64') } });
  const { message } = await events.next('message');
  assert.deepEqual([message.text, message.media?.kind, message.media?.fileName, message.media?.voice], ['the invoice', 'document', 'invoice.pdf', undefined]);
  assert.deepEqual(await message.media?.download(), bytes);
});

test('a location and a contact card arrive as structured fields', async () => {
  const { connectorId, events } = await paired();
  await control.inbound(connectorId, { from: CLIENT, location: { lat: 55.75, lng: 37.61, name: 'Office' } });
  await control.inbound(connectorId, { from: CLIENT, contact: { name: 'Boris', phone: '+7 916 765-43-21' } });
  assert.deepEqual((await events.next('message')).message.location, { lat: 55.75, lng: 37.61, name: 'Office' });
  const { contact } = (await events.next('message')).message;
  assert.deepEqual([contact?.name, contact?.phone], ['Boris', '+79167654321']);
  assert.match(contact?.vcard ?? '', /TEL;type=CELL;waid=79167654321:\+79167654321/);
});

test('a client’s edit and revoke arrive for the message id', async () => {
  const { connectorId, events } = await paired();
  await control.edit(connectorId, { from: CLIENT, id: 'M1', text: 'fixed' });
  await control.revoke(connectorId, { from: CLIENT, id: 'M1' });
  const edit = await events.next('message_edited');
  const revoke = await events.next('message_revoked');
  assert.deepEqual([edit.id, edit.text, edit.from.phone, revoke.id, revoke.from.phone], ['M1', 'fixed', CLIENT, 'M1', CLIENT]);
});

test('a call arrives with its outcome, not offline while the socket is open', async () => {
  const { connectorId, events } = await paired();
  const { id } = await control.call(connectorId, { from: CLIENT, outcome: 'missed' });
  const call = await events.next('call');
  assert.deepEqual([call.id, call.outcome, call.offline, call.from.phone], [id, 'missed', false, CLIENT]);
});

test('events for an account without an open socket wait, and arrive in order on the next open', async () => {
  const { connectorId, auth, transport } = await paired();
  await transport.close();
  await control.inbound(connectorId, { from: CLIENT, text: 'first' });
  await control.call(connectorId, { from: CLIENT, outcome: 'missed' });
  await control.inbound(connectorId, { from: CLIENT, text: 'second' });
  const reopened = await connect({ connectorId, auth });
  await reopened.events.next('message', (event) => event.message.text === 'second');
  const arrived = reopened.events.list.map((event) => (event.type === 'message' ? event.message.text : event.type === 'call' ? `call offline=${event.offline}` : event.type));
  assert.deepEqual(arrived, ['open', 'first', 'call offline=true', 'second']);
});

test('a delivered backlog is not delivered again on the next open', async () => {
  const { connectorId, auth, transport } = await paired();
  await transport.close();
  await control.inbound(connectorId, { from: CLIENT, text: 'once' });
  const first = await connect({ connectorId, auth });
  await first.events.next('message');
  await first.transport.close();
  await control.inbound(connectorId, { from: CLIENT, text: 'later' });
  const second = await connect({ connectorId, auth });
  await second.events.next('message', (event) => event.message.text === 'later');
  assert.deepEqual(second.events.list.map((event) => event.type), ['open', 'message']);
});

test('a sent message is logged once with the time the simulator received it, then a delivered receipt arrives', async () => {
  const { connectorId, transport, events } = await paired();
  const before = Date.now();
  await transport.send(CLIENT, { text: 'Hello' }, 'ID-1');
  const sent = await control.sent(connectorId);
  assert.deepEqual(sent, [{ id: 'ID-1', to: CLIENT, text: 'Hello', at: sent[0]?.at, attempts: 1, status: 'delivered' }]);
  assert.ok(sent[0] && sent[0].at >= before && sent[0].at <= Date.now());
  assert.deepEqual(await events.next('receipt'), { type: 'receipt', id: 'ID-1', status: 'delivered' });
});

test('a resend with the same id counts another attempt and stays one entry with the first time', async () => {
  const { connectorId, transport } = await paired();
  await transport.send(CLIENT, { text: 'Hello' }, 'ID-2');
  const [first] = await control.sent(connectorId);
  await transport.send(CLIENT, { text: 'Hello' }, 'ID-2');
  assert.deepEqual(await control.sent(connectorId), [{ ...first, attempts: 2 }]);
});

test('sent media is logged with its size and digest', async () => {
  const { connectorId, transport } = await paired();
  const data = Buffer.from('%PDF-1.7 offer');
  await transport.send(CLIENT, { media: { kind: 'document', mimetype: 'application/pdf', fileName: 'offer.pdf', data } }, 'ID-3');
  const [entry] = await control.sent(connectorId);
  assert.deepEqual(entry?.media, { kind: 'document', mimetype: 'application/pdf', fileName: 'offer.pdf', size: data.length, sha256: entry?.media?.sha256 });
  assert.match(entry?.media?.sha256 ?? '', /^[0-9a-f]{64}$/);
});

test('the client reading a message sends a read receipt', async () => {
  const { connectorId, transport, events } = await paired();
  await transport.send(CLIENT, { text: 'Hello' }, 'ID-4');
  await control.receipt(connectorId, { id: 'ID-4', status: 'read' });
  await events.next('receipt', (receipt) => receipt.status === 'read');
  assert.equal((await control.sent(connectorId))[0]?.status, 'read');
});

test('a number that is not on WhatsApp is reported so, and a send to it fails with not_on_whatsapp', async () => {
  const { connectorId, transport } = await paired();
  const absent = '+79990001122';
  await control.absent({ phone: '8 999 000-11-22' });
  assert.equal(await transport.isOnWhatsApp(absent), false);
  assert.equal(await transport.isOnWhatsApp(CLIENT), true);
  await assert.rejects(transport.send(absent, { text: 'Hello' }, 'ID-5'), { name: 'TransportError', reason: 'not_on_whatsapp' });
  assert.deepEqual(await control.sent(connectorId), []);
});

test('a restriction is announced and refuses sends until it ends', async () => {
  const { connectorId, transport, events } = await paired();
  const { until } = await control.restrict(connectorId, { seconds: 1 });
  assert.deepEqual(await events.next('restriction'), { type: 'restriction', reason: 'reachout_time_lock', until });
  await assert.rejects(transport.send(CLIENT, { text: 'Hello' }, 'ID-6'), { reason: 'restricted' });
  await sleep(until - Date.now() + 10); // the restriction ends at a stated time, with no event for it
  await transport.send(CLIENT, { text: 'Hello' }, 'ID-6');
  assert.equal((await control.sent(connectorId)).length, 1);
});

test('a message typed on the phone arrives as fromMe for its chat and is logged with fromPhone', async () => {
  const { connectorId, events } = await paired();
  const { id } = await control.phoneMessage(connectorId, { to: CLIENT, text: 'from the phone' });
  const { message } = await events.next('message');
  assert.deepEqual([message.id, message.fromMe, message.from.phone, message.text], [id, true, CLIENT, 'from the phone']);
  assert.equal((await control.sent(connectorId))[0]?.fromPhone, true);
});

test('control bodies with an invalid phone or no content answer 422 naming the field', async () => {
  const { connectorId } = await paired();
  const error = await control.inbound(connectorId, { from: 'not a phone', text: 'x' }).catch((err: unknown) => err);
  assert.ok(refused(422, 'invalid_request')(error));
  assert.deepEqual((error as SimulatorControlError).body.fields, { from: 'not a phone is not a phone number' });
  await assert.rejects(control.inbound(connectorId, { from: CLIENT }), refused(422, 'invalid_request'));
});

test('the overview page lists each account with its socket state and what it sent', async () => {
  const { connectorId, transport } = await paired();
  await transport.send(CLIENT, { text: 'Shown <on> the page' }, 'ID-7');
  const page = await (await fetch(`${url}/sandbox/whatsapp/`)).text();
  assert.match(page, new RegExp(`<h2>${connectorId}</h2><p>socket: <b>open</b> · paired as \\${PHONE}`));
  assert.match(page, /Shown &lt;on&gt; the page/);
});

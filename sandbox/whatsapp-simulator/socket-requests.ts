import { activeRestriction, isOnWhatsApp, setOnline } from './accounts.js';
import { toE164 } from './addresses.js';
import type { SimulatorConnection } from './connection.js';
import type { SimulatorContext } from './context.js';
import { issuePairingCode, removeDevice } from './devices.js';
import { WhatsAppCode, type RequestFrame } from './protocol.js';
import { recordChange, recordSend } from './sent-log.js';

type Request<T extends RequestFrame['type']> = Extract<RequestFrame, { type: T }>;

/** Answers one request of a transport with an ack, as WhatsApp answers an IQ. */
export async function answerRequest(conn: SimulatorConnection, frame: RequestFrame, ctx: SimulatorContext): Promise<void> {
  switch (frame.type) {
    case 'send':
      return conn.phase === 'open' ? send(conn, frame, ctx) : notConnected(conn, frame);
    case 'edit':
    case 'delete':
      return conn.phase === 'open' ? change(conn, frame) : notConnected(conn, frame);
    case 'check_number':
      return conn.phase === 'open' ? checkNumber(conn, frame, ctx) : notConnected(conn, frame);
    case 'presence':
      return conn.phase === 'open' ? presence(conn, frame) : notConnected(conn, frame);
    case 'pairing_code_request':
      return pairingCode(conn, frame, ctx);
    case 'logout':
      return logout(conn, frame);
  }
}

const notConnected = (conn: SimulatorConnection, frame: RequestFrame) => conn.reply(frame.requestId, { status: 'error', error: 'not_connected' });

/** Simulated clients' phones are online, so every accepted message is delivered at once. */
async function send(conn: SimulatorConnection, frame: Request<'send'>, ctx: SimulatorContext): Promise<void> {
  const to = toE164(frame.to, ctx.region);
  if (!to) return conn.reply(frame.requestId, { status: 'error', error: 'invalid_phone' });
  if (frame.text === undefined && !frame.media) return conn.reply(frame.requestId, { status: 'error', error: 'empty_message' });
  if (await activeRestriction(conn.connectorId)) return conn.reply(frame.requestId, { status: 'error', error: 'restricted' });
  if (!(await isOnWhatsApp(to))) return conn.reply(frame.requestId, { status: 'not_on_whatsapp' });
  const entry = await recordSend(conn.connectorId, { id: frame.id, to, text: frame.text, media: frame.media });
  await conn.reply(frame.requestId, { status: 'ok' });
  await conn.send({ type: 'receipt', id: entry.id, status: entry.status });
}

/** An edit or deletion of a message the account sent; one it never sent is refused, as WhatsApp ignores it. */
async function change(conn: SimulatorConnection, frame: Request<'edit' | 'delete'>): Promise<void> {
  const known = await recordChange(conn.connectorId, frame.id, frame.type === 'edit' ? { text: frame.text } : { deleted: true });
  await conn.reply(frame.requestId, known ? { status: 'ok' } : { status: 'error', error: 'message_not_found' });
}

async function checkNumber(conn: SimulatorConnection, frame: Request<'check_number'>, ctx: SimulatorContext): Promise<void> {
  const phone = toE164(frame.phone, ctx.region);
  await conn.reply(frame.requestId, { status: 'ok', exists: !!phone && (await isOnWhatsApp(phone)) });
}

async function presence(conn: SimulatorConnection, frame: Request<'presence'>): Promise<void> {
  await setOnline(conn.connectorId, frame.online);
  await conn.reply(frame.requestId, { status: 'ok' });
}

async function pairingCode(conn: SimulatorConnection, frame: Request<'pairing_code_request'>, ctx: SimulatorContext): Promise<void> {
  if (conn.phase !== 'pairing') return conn.reply(frame.requestId, { status: 'error', error: 'already_registered' });
  const phone = toE164(frame.phone, ctx.region);
  if (!phone) return conn.reply(frame.requestId, { status: 'error', error: 'invalid_phone' });
  await conn.reply(frame.requestId, { status: 'ok', code: await issuePairingCode(conn.connectorId, phone) });
}

/** The device removes itself; a socket still pairing has no device, and is closed the same way. */
async function logout(conn: SimulatorConnection, frame: Request<'logout'>): Promise<void> {
  if (conn.phase === 'open') await removeDevice(conn.connectorId);
  await conn.reply(frame.requestId, { status: 'ok' });
  conn.closeWith(WhatsAppCode.loggedOut, 'logged out');
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closeReason, whatsAppCode } from '../../integrations/whatsapp/simulator/close-reason.js';
import { lidFor } from '../../sandbox/whatsapp-simulator/addresses.js';
import { controlSchemas } from '../../sandbox/whatsapp-simulator/control-schemas.js';
import { decodeClientFrame, decodeServerFrame } from '../../sandbox/whatsapp-simulator/protocol.js';
import { QrRotation, qrTiming } from '../../sandbox/whatsapp-simulator/qr.js';

test('close codes map to close reasons as Baileys’ DisconnectReason does', () => {
  const cases: [number, boolean, string][] = [
    [401, false, 'logged_out'],
    [403, false, 'logged_out'],
    [440, false, 'connection_replaced'],
    [515, true, 'restart_required'],
    [405, false, 'stale_whatsapp_version'],
    [408, true, 'qr_attempts_ended'],
    [408, false, 'connection_lost'],
    [428, false, 'connection_lost'],
    [500, false, 'connection_lost'],
    [503, true, 'connection_lost'],
  ];
  for (const [code, pairing, reason] of cases) assert.equal(closeReason(code, pairing), reason, `${code} (pairing: ${pairing})`);
});

test('a WebSocket close carries WhatsApp’s code as 4000 + code; any other close is the connection closing (428)', () => {
  assert.equal(whatsAppCode(4440), 440);
  assert.equal(whatsAppCode(4515), 515);
  assert.equal(whatsAppCode(1006), 428);
  assert.equal(whatsAppCode(1000), 428);
});

test('QR timing defaults to WhatsApp’s: 60 s for the first code, 20 s for each of 5 rotations', () => {
  assert.deepEqual(qrTiming({}), { firstMs: 60_000, rotateMs: 20_000, rotations: 5 });
  assert.deepEqual(qrTiming({ qrRotateMs: 200 }), { firstMs: 600, rotateMs: 200, rotations: 5 });
});

test('a QR rotation offers the first code and then one per rotation, and reports exhaustion after the last', async () => {
  const offered: { qr: string; ttl: number }[] = [];
  await new Promise<void>((resolve) => {
    const rotation = new QrRotation({ firstMs: 30, rotateMs: 10, rotations: 2 }, (qr, expiresAt) => offered.push({ qr, ttl: expiresAt - Date.now() }), resolve);
    rotation.start();
  });
  assert.equal(offered.length, 3);
  assert.equal(new Set(offered.map(({ qr }) => qr)).size, 3);
  assert.ok(offered[0] && offered[0].ttl > 20, 'the first code lives longer');
});

test('a LID is stable per phone, differs between phones, and has 15 digits', () => {
  assert.equal(lidFor('+79161234567'), lidFor('+79161234567'));
  assert.notEqual(lidFor('+79161234567'), lidFor('+79161234568'));
  assert.match(lidFor('+79161234567'), /^\d{15}@lid$/);
});

test('frames that are not JSON, of an unknown type or missing fields are rejected', () => {
  assert.equal(decodeClientFrame('not json'), undefined);
  assert.equal(decodeClientFrame(JSON.stringify({ type: 'teleport' })), undefined);
  assert.equal(decodeClientFrame(JSON.stringify({ type: 'send', requestId: 'r1', to: '+79161234567' })), undefined);
  assert.equal(decodeServerFrame(JSON.stringify({ type: 'receipt', id: 'x', status: 'played' })), undefined);
  assert.deepEqual(decodeClientFrame(JSON.stringify({ type: 'hello', connectorId: 'c1' })), { type: 'hello', connectorId: 'c1' });
});

test('control phones typed without a country code are normalized with the default region', () => {
  const { absent } = controlSchemas('RU');
  assert.deepEqual(absent.parse({ phone: '8 (916) 123-45-67' }), { phone: '+79161234567' });
  assert.equal(absent.safeParse({ phone: '12' }).success, false);
});

test('a voice note must be audio media', () => {
  const { inbound } = controlSchemas('RU');
  const media = { kind: 'image' as const, mimetype: 'image/jpeg', base64: 'AAAA' };
  assert.equal(inbound.safeParse({ from: '+79161234567', media, voice: true }).success, false);
  assert.equal(inbound.safeParse({ from: '+79161234567', media: { ...media, kind: 'audio', mimetype: 'audio/ogg' }, voice: true }).success, true);
});

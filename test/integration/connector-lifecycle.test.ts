import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AttentionModel } from '../../storage/models/attention.js';
import { connectorWhen, eventually, startProduct, type Product } from '../support/product.js';

/**
 * A connector's life through the management API, with the WhatsApp simulator playing the phone:
 * the real ConnectorWorkflow, session host, Temporal server and database underneath.
 */
let product: Product;

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 400, qrFirstMs: 400, qrRotations: 100 } });
  await product.startSessionHost();
});
after(() => product.stop());

async function pairedConnector(phone: string): Promise<string> {
  const id = await product.createConnector();
  await product.scanShownQr(id, phone);
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected');
  return id;
}

test('a new connector offers a QR, as text and as a PNG, through the API', async () => {
  const id = await product.createConnector();
  const offered = await connectorWhen(product, id, (c) => !!c.qr, 'a QR');
  assert.equal(offered.state, 'pairing');
  assert.match(offered.qrDataUrl, /^data:image\/png;base64,/);
  assert.ok(Date.parse(offered.qrExpiresAt) > 0);
});

test('the QR shown follows WhatsApp rotating it', async () => {
  const id = await product.createConnector();
  const first = (await connectorWhen(product, id, (c) => !!c.qr, 'a QR')).qr;
  await connectorWhen(product, id, (c) => !!c.qr && c.qr !== first, 'a rotated QR');
});

test('scanning the QR connects the account as that phone number', async () => {
  const id = await pairedConnector('+79990000101');
  const { body } = await product.api(`/connectors/${id}`);
  assert.deepEqual({ state: body.state, phone: body.phone, qr: body.qr }, { state: 'connected', phone: '+79990000101', qr: undefined });
});

test('renaming a connected connector keeps it connected', async () => {
  const id = await pairedConnector('+79990000102');
  await product.api(`/connectors/${id}`, { method: 'PATCH', body: { name: 'Support line' } });
  const { body } = await product.api(`/connectors/${id}`);
  assert.deepEqual({ name: body.name, state: body.state }, { name: 'Support line', state: 'connected' });
});

test('turning "show online" on reaches the live session without re-pairing', async () => {
  const id = await pairedConnector('+79990000103');
  const settings = (await product.api(`/connectors/${id}/settings`)).body;
  const saved = await product.api(`/connectors/${id}/settings`, { method: 'PUT', body: { ...settings, chats: { ...settings.chats, showOnline: true } } });
  assert.equal(saved.status, 200);
  await eventually(async () => ((await product.phone.account(id)).online ? true : undefined), 10_000, 'the account online');
  assert.equal((await product.api(`/connectors/${id}`)).body.state, 'connected');
});

test('disconnecting logs out of WhatsApp and offers a fresh QR', async () => {
  const id = await pairedConnector('+79990000104');
  const answer = await product.api(`/connectors/${id}/disconnect`, { method: 'POST' });
  assert.equal(answer.status, 200);
  const after = await connectorWhen(product, id, (c) => c.state === 'pairing' && !!c.qr, 'a fresh QR');
  assert.equal(after.phone, undefined);
  assert.equal((await product.phone.account(id)).paired, false);
});

test('when WhatsApp stops offering QR codes the connector shows qr_timeout until a new QR is requested', async () => {
  const id = await product.createConnector();
  await connectorWhen(product, id, (c) => !!c.qr, 'a QR');
  await product.phone.qrTimeout(id);
  await connectorWhen(product, id, (c) => c.state === 'qr_timeout', 'qr_timeout');
  await product.api(`/connectors/${id}/qr`, { method: 'POST' });
  await connectorWhen(product, id, (c) => c.state === 'pairing' && !!c.qr, 'a new QR');
});

test('pairing by phone number gives a code that the phone accepts', async () => {
  const id = await product.createConnector();
  await connectorWhen(product, id, (c) => !!c.qr, 'pairing');
  const answer = await product.api(`/connectors/${id}/pairing-code`, { method: 'POST', body: { phone: '8 999 000-01-05' } });
  assert.equal(answer.status, 200);
  assert.match(answer.body.code, /^[A-Z0-9]{8}$/);
  await product.phone.pairCode(id, { phone: '+79990000105', code: answer.body.code });
  await connectorWhen(product, id, (c) => c.state === 'connected' && c.phone === '+79990000105', 'connected by code');
});

test('a pairing code for something that is not a phone number is refused with 422', async () => {
  const id = await product.createConnector();
  const answer = await product.api(`/connectors/${id}/pairing-code`, { method: 'POST', body: { phone: 'not a phone' } });
  assert.equal(answer.status, 422);
  assert.ok(answer.body.fields.phone);
});

test('at the active-until date the session stops, and extending it resumes without a new QR', async () => {
  const id = await pairedConnector('+79990000106');
  const soon = new Date(Date.now() + 1500).toISOString();
  assert.equal((await product.api(`/connectors/${id}/active-until`, { method: 'PUT', body: { activeUntil: soon } })).status, 200);
  await connectorWhen(product, id, (c) => c.state === 'expired', 'expired');
  await eventually(async () => ((await AttentionModel.countDocuments({ connectorId: id, reason: 'expired' })) === 1 ? true : undefined), 10_000, 'attention');
  await eventually(async () => ((await product.phone.sockets(id)).open === 0 ? true : undefined), 10_000, 'the socket closed');
  const later = new Date(Date.now() + 3_600_000).toISOString();
  await product.api(`/connectors/${id}/active-until`, { method: 'PUT', body: { activeUntil: later } });
  const resumed = await connectorWhen(product, id, (c) => c.state === 'connected', 'connected again');
  assert.deepEqual({ phone: resumed.phone, activeUntil: resumed.activeUntil }, { phone: '+79990000106', activeUntil: later });
});

test('an active-until date that is not a date is refused with 422', async () => {
  const id = await product.createConnector();
  assert.equal((await product.api(`/connectors/${id}/active-until`, { method: 'PUT', body: { activeUntil: 'next week' } })).status, 422);
});

test('a logout from the phone goes back to a QR, says so, and records it for the admins', async () => {
  const id = await pairedConnector('+79990000107');
  await product.phone.logout(id);
  const after = await connectorWhen(product, id, (c) => c.state === 'pairing' && !!c.qr, 'pairing after logout');
  assert.equal(after.lastError, 'logged_out_from_phone');
  assert.equal(await AttentionModel.countDocuments({ connectorId: id, reason: 'logged_out_from_phone' }), 1);
});

test('another client taking the account over is a conflict until reconnect is asked for', async () => {
  const id = await pairedConnector('+79990000108');
  await product.phone.conflict(id);
  const conflicted = await connectorWhen(product, id, (c) => c.state === 'conflict', 'conflict');
  assert.equal(conflicted.lastError, 'connection_replaced');
  await product.api(`/connectors/${id}/reconnect`, { method: 'POST' });
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected after reconnect');
});

test('a dropped socket reconnects by itself with the stored pairing', async () => {
  const id = await pairedConnector('+79990000109');
  await product.phone.drop(id);
  await connectorWhen(product, id, (c) => c.state === 'reconnecting' || c.state === 'connected', 'reconnecting');
  await connectorWhen(product, id, (c) => c.state === 'connected' && c.phone === '+79990000109', 'connected again');
});

test('invalid settings are refused with 422 field errors and nothing is saved', async () => {
  const id = await product.createConnector();
  const before = (await product.api(`/connectors/${id}/settings`)).body;
  const refused = await product.api(`/connectors/${id}/settings`, {
    method: 'PUT',
    body: { ...before, intervals: { sendMs: 100, marketingMs: 15_000 }, ignoredNumbers: ['oops'] },
  });
  assert.equal(refused.status, 422);
  assert.ok(refused.body.fields['intervals.sendMs']);
  assert.deepEqual((await product.api(`/connectors/${id}/settings`)).body, before);
});

test('settings save exactly what GET returns, with ignored numbers normalized', async () => {
  const id = await product.createConnector();
  const before = (await product.api(`/connectors/${id}/settings`)).body;
  const saved = await product.api(`/connectors/${id}/settings`, { method: 'PUT', body: { ...before, ignoredNumbers: ['8 999 123-45-67'] } });
  assert.deepEqual(saved.body.ignoredNumbers, ['+79991234567']);
  assert.deepEqual((await product.api(`/connectors/${id}/settings`)).body, saved.body);
});

test('deleting a connected connector logs it out of WhatsApp', async () => {
  const id = await pairedConnector('+79990000110');
  assert.equal((await product.api(`/connectors/${id}`, { method: 'DELETE' })).status, 204);
  await eventually(async () => ((await product.phone.account(id)).paired === false ? true : undefined), 15_000, 'the device removed');
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DOCUMENTED_METHODS, undocumentedParams } from '../../integrations/bitrix24/methods.js';
import { InboundEventModel } from '../../storage/models/inbound-event.js';
import { PortalModel } from '../../storage/models/portal.js';
import { createBitrix24Emulator, type Bitrix24Emulator } from '../../sandbox/bitrix24-emulator/app.js';
import { emulatorControl, type EmulatorControl } from '../../sandbox/bitrix24-emulator/control-client.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/bitrix24-emulator/portal.js';
import { connectorWhen, eventually, startProduct, type Product } from '../support/product.js';

/**
 * The product installed on the Bitrix24 portal emulator (its control API plays the portal's admin and
 * its failure injection plays a busy portal), with the real Temporal, database and WhatsApp simulator.
 */
let product: Product;
let emulator: Bitrix24Emulator;
let portal: EmulatorControl;

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 400, qrFirstMs: 400, qrRotations: 100 }, bitrix24: { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET } });
  await product.startSessionHost();
  emulator = createBitrix24Emulator({ productUrl: product.url });
  portal = emulatorControl(await emulator.listen(0));
});
after(async () => {
  await emulator.close();
  await product.stop();
});

test('installing on the emulator stores the portal and registers the connector type, events and robot there', async () => {
  await portal.install({ mode: 'event' });
  const summary = await portal.portal();
  const memberId = (summary as { memberId?: string }).memberId ?? emulator.state.memberId;
  await eventually(async () => ((await PortalModel.findById(memberId).lean())?.registeredAt ? true : undefined), 20_000, 'registrations');
  const methods = (await portal.calls()).filter((call) => call.status === 200).map((call) => call.method);
  for (const method of ['imconnector.register', 'event.bind', 'bizproc.robot.add']) assert.ok(methods.includes(method), method);
});

test('a client text and an image reach the emulator\'s chat once, also through throttling and an expired token', async () => {
  const line = await portal.addLine({ name: 'WhatsApp sales' });
  const id = await product.createConnector('Emulated');
  await product.scanShownQr(id, '+79990000701');
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected');
  await product.api(`/connectors/${id}`, { method: 'PATCH', body: { lineId: line.id } });
  await eventually(async () => ((await portal.calls('imconnector.connector.data.set')).some((c) => c.status === 200) ? true : undefined), 20_000, 'the line activated');

  await portal.injectFault({ method: 'imconnector.send.messages', kind: 'QUERY_LIMIT_EXCEEDED', count: 2 });
  await portal.injectFault({ method: 'imconnector.send.messages', kind: 'expired_token', count: 1 });
  await product.phone.inbound(id, { from: '+79990000801', text: 'Hello from WhatsApp', pushName: 'Ivan' });
  await product.phone.inbound(id, { from: '+79990000801', media: { kind: 'image', mimetype: 'image/png', fileName: 'p.png', base64: Buffer.from('png bytes').toString('base64') } });
  await eventually(async () => ((await InboundEventModel.countDocuments({ connectorId: id, status: 'forwarded' })) === 2 ? true : undefined), 40_000, 'both forwarded');

  const chats = (await portal.chats()).filter((chat) => chat.line === line.id);
  assert.equal(chats.length, 1);
  const chat = await portal.chat(chats[0]!.id);
  const fromClient = chat.messages.filter((m) => m.author === 'client');
  assert.equal(fromClient.length, 2);
  assert.match(fromClient[0]!.text, /Hello from WhatsApp/);
  assert.equal(fromClient[1]!.files.length, 1);
  assert.equal(chat.user.phone, '+79990000801');
});

test('every method and parameter the product sent to the emulator is in the reference', async () => {
  for (const call of await portal.calls()) {
    if (call.batch) continue;
    assert.ok(call.method in DOCUMENTED_METHODS, `${call.method} is not in the reference`);
    assert.deepEqual(undocumentedParams(call.method, call.params), [], call.method);
  }
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DOCUMENTED_METHODS, undocumentedParams } from '../../integrations/bitrix24/methods.js';
import { MessageModel } from '../../storage/models/message.js';
import { PortalModel } from '../../storage/models/portal.js';
import { createBitrix24Emulator, type Bitrix24Emulator } from '../../sandbox/bitrix24-emulator/app.js';
import { emulatorControl, type EmulatorControl } from '../../sandbox/bitrix24-emulator/control-client.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/bitrix24-emulator/portal.js';
import { connectorWhen, eventually, startProduct, type Product } from '../support/product.js';

/**
 * Company → client through Bitrix24 on the portal emulator: operator replies with delivery and read
 * marks, failures reported in the chat, messages typed on the phone posted into the chat, the robot and
 * the SMS provider end to end. Real Temporal, database, session host and WhatsApp simulator.
 */
let product: Product;
let emulator: Bitrix24Emulator;
let portal: EmulatorControl;
let connectorId: string;
let lineId: number;

async function scanned(id: string, phone: string): Promise<void> {
  await eventually(async () => {
    const offered = await connectorWhen(product, id, (c) => !!c.qr, 'a QR');
    await product.phone.scan(id, { phone, qr: offered.qr });
    return true;
  }, 30_000, 'a scan of a QR still on offer');
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected');
}

async function clientChat(phone: string, text: string) {
  await product.phone.inbound(connectorId, { from: phone, text, pushName: 'Client' });
  return eventually(async () => (await portal.chats()).find((c) => c.line === lineId && c.user.phone === phone), 30_000, 'the client chat');
}

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 2000, qrFirstMs: 2000, qrRotations: 100 }, bitrix24: { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET } });
  await product.startSessionHost();
  emulator = createBitrix24Emulator({ productUrl: product.url });
  portal = emulatorControl(await emulator.listen(0));
  await portal.install({ mode: 'event' });
  await eventually(async () => ((await PortalModel.findById(emulator.state.memberId).lean())?.registeredAt ? true : undefined), 20_000, 'registrations');
  lineId = (await portal.addLine({ name: 'WhatsApp outgoing' })).id;
  connectorId = await product.createConnector('Outgoing');
  await scanned(connectorId, '+79990002001');
  await product.api(`/connectors/${connectorId}`, { method: 'PATCH', body: { lineId } });
  await eventually(async () => ((await portal.calls('imconnector.connector.data.set')).some((c) => c.status === 200) ? true : undefined), 20_000, 'the line activated');
});
after(async () => {
  await emulator.close();
  await product.stop();
});

test('an operator reply reaches the client once, and its delivery and read marks reach the chat', async () => {
  const chat = await clientChat('+79990002101', 'Hi there');
  const { message, events } = await portal.reply(chat.id, { text: 'Hello [b]friend[/b][br]second line' });
  const sent = await eventually(async () => (await product.phone.sent(connectorId)).find((s) => s.to === '+79990002101'), 30_000, 'the reply sent');
  assert.match(sent.text ?? '', /\*friend\*\nsecond line/);
  // The same event delivered again is one send.
  await fetch(events[0]!.handler, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(flatten(events[0]!.payload)).toString() });
  await eventually(async () => ((await portal.chat(chat.id)).messages.find((m) => m.id === message.id)?.delivered ? true : undefined), 30_000, 'delivered in the chat');
  await product.phone.receipt(connectorId, { id: sent.id, status: 'read' });
  await eventually(async () => ((await portal.chat(chat.id)).messages.find((m) => m.id === message.id)?.read ? true : undefined), 30_000, 'read in the chat');
  assert.equal((await product.phone.sent(connectorId)).filter((s) => s.to === '+79990002101').length, 1);
});

test('a reply to a number that is not on WhatsApp posts a system message with the reason', async () => {
  const chat = await clientChat('+79990002102', 'Call me');
  await product.phone.absent({ phone: '+79990002102' });
  await portal.reply(chat.id, { text: 'We will' });
  await eventually(async () => ((await portal.chat(chat.id)).messages.find((m) => m.author === 'system' && /not on WhatsApp/.test(m.text)) ? true : undefined), 30_000, 'the failure notice');
});

test('a message typed on the phone is posted into the chat once while publish outgoing is on', async () => {
  const chat = await clientChat('+79990002103', 'Question');
  await product.phone.phoneMessage(connectorId, { to: '+79990002103', text: 'Answer from my phone' });
  await eventually(async () => ((await portal.chat(chat.id)).messages.find((m) => m.author === 'system' && /Answer from my phone/.test(m.text)) ? true : undefined), 30_000, 'the phone message in the chat');
  assert.equal((await portal.chat(chat.id)).messages.filter((m) => /Answer from my phone/.test(m.text)).length, 1);
});

test('the robot sends through the pipeline and returns message_id and status to the business process', async () => {
  const { run } = await portal.runRobot({ code: 'send_whatsapp', properties: { phone: '+79990002104', text: 'From a robot', connector: connectorId, create_chat: 'Y' } });
  const done = await eventually(async () => (await portal.robotRuns()).find((r) => r.eventToken === run.eventToken && r.completed), 30_000, 'the robot result');
  const values = done.completed!.returnValues as { message_id: string; status: string };
  assert.equal(values.status, 'sent');
  assert.ok(await MessageModel.exists({ _id: values.message_id }));
});

test('the SMS provider registers with its switch, sends, and reports statuses; a mailing uses the marketing lane', async () => {
  const settings = (await product.api(`/connectors/${connectorId}/settings`)).body;
  await product.api(`/connectors/${connectorId}/settings`, { method: 'PUT', body: { ...settings, chats: { ...settings.chats, smsProviderEnabled: true } } });
  const code = `wa_${connectorId}`;
  await eventually(async () => ((await portal.portal()).senders.some((s) => s.code === code) ? true : undefined), 20_000, 'the sender registered');
  const { message } = await portal.sendSms({ code, phone: '+79990002105', text: 'SMS via WhatsApp', source: 'crm' });
  await eventually(async () => ((await portal.sms()).find((m) => m.id === message.id)?.statuses.some((s) => s.status === 'delivered') ? true : undefined), 30_000, 'delivered status');
  const mailing = await portal.sendSms({ code, phone: '+79990002106', text: 'Mailing', source: 'mailing' });
  const stored = await eventually(async () => (await MessageModel.findOne({ 'origin.sms.messageId': mailing.message.id }).lean()) ?? undefined, 20_000, 'the mailing accepted');
  assert.equal(stored.lane, 'marketing');
  await product.api(`/connectors/${connectorId}/settings`, { method: 'PUT', body: { ...settings, chats: { ...settings.chats, smsProviderEnabled: false } } });
  await eventually(async () => ((await portal.portal()).senders.some((s) => s.code === code) ? undefined : true), 20_000, 'the sender removed');
});

test('every method and parameter the product sent to the emulator is in the reference', async () => {
  for (const call of await portal.calls()) {
    if (call.batch) continue;
    assert.ok(call.method in DOCUMENTED_METHODS, `${call.method} is not in the reference`);
    assert.deepEqual(undocumentedParams(call.method, call.params), [], call.method);
  }
});

/** A delivered event's parsed payload back into PHP-style form keys, as the portal posted it. */
function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}[${key}]` : key));
  return [[prefix, String(value)]];
}

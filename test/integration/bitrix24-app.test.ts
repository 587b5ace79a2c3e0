import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DOCUMENTED_METHODS, undocumentedParams } from '../../integrations/bitrix24/methods.js';
import { unseal } from '../../lib/crypto.js';
import { AttentionModel } from '../../storage/models/attention.js';
import { Bitrix24EventModel } from '../../storage/models/bitrix24-event.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { InboundEventModel } from '../../storage/models/inbound-event.js';
import { PortalModel } from '../../storage/models/portal.js';
import { startPortalDouble, type PortalDouble } from '../support/bitrix24-double.js';
import { connectorWhen, ENCRYPTION_KEY, eventually, startProduct, type Product } from '../support/product.js';

/**
 * The Bitrix24 app side on the whole product (real Temporal, database, session host and WhatsApp
 * simulator) against a portal double: install, trust checks, events, lines, inbound forwarding and
 * attention notices.
 */
let product: Product;
let portal: PortalDouble;

before(async () => {
  portal = await startPortalDouble();
  product = await startProduct({ qr: { qrRotateMs: 400, qrFirstMs: 400, qrRotations: 100 }, bitrix24: { attentionIntervalMs: 300 } });
  await product.startSessionHost();
  const installed = await portal.install(product.url);
  assert.equal(installed.status, 200);
  await eventually(async () => ((await PortalModel.findById(portal.memberId).lean())?.registeredAt ? true : undefined), 20_000, 'the registrations');
});
after(async () => {
  await product.stop();
  await portal.stop();
});

async function pairedOnLine(phone: string, lineId: number): Promise<string> {
  const id = await product.createConnector(`WA ${phone}`);
  await product.scanShownQr(id, phone);
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected');
  const bound = await product.api(`/connectors/${id}`, { method: 'PATCH', body: { lineId } });
  assert.equal(bound.status, 200, JSON.stringify(bound.body));
  return id;
}

const sentTo = (chatId: string) =>
  portal.callsOf('imconnector.send.messages').filter((call) => call.body.MESSAGES?.[0]?.chat?.id === chatId);

test('ONAPPINSTALL stores the portal with sealed tokens and registers connector, events and robot', async () => {
  const stored = await PortalModel.findById(portal.memberId).lean();
  assert.equal(stored!.applicationToken, portal.state.applicationToken);
  assert.notEqual(stored!.accessToken, portal.state.accessToken);
  assert.equal(unseal(stored!.refreshToken, ENCRYPTION_KEY), portal.state.refreshToken);
  assert.equal(stored!.installerUserId, 1);
  const [register] = portal.callsOf('imconnector.register');
  assert.equal(register!.body.ID, 'olbridge_whatsapp');
  assert.equal(register!.body.PLACEMENT_HANDLER, `${product.url}/bitrix24/placement`);
  const bound = portal.callsOf('event.bind').map((call) => call.body.event);
  for (const event of ['OnImConnectorMessageAdd', 'OnImConnectorLineDelete', 'OnImConnectorStatusDelete', 'OnAppUninstall']) assert.ok(bound.includes(event), event);
  assert.ok(portal.callsOf('event.bind').every((call) => call.body.handler === `${product.url}/bitrix24/events`));
  const [robot] = portal.callsOf('bizproc.robot.add');
  assert.equal(robot!.body.CODE, 'send_whatsapp');
  assert.equal(robot!.body.USE_SUBSCRIPTION, 'Y');
  assert.deepEqual(Object.keys(robot!.body.RETURN_PROPERTIES), ['message_id', 'status']);
});

test('installing a second time is harmless: the robot is updated instead of added', async () => {
  assert.equal((await portal.install(product.url)).status, 200);
  await eventually(async () => (portal.callsOf('bizproc.robot.update').length > 0 ? true : undefined), 20_000, 'the robot update');
  assert.equal(await PortalModel.countDocuments({ _id: portal.memberId }), 1);
});

test('a wrong application token gets 401 and stores nothing', async () => {
  const before = await Bitrix24EventModel.countDocuments();
  const answer = await portal.event(product.url, 'ONIMCONNECTORMESSAGEADD', { CONNECTOR: 'olbridge_whatsapp', LINE: '1', MESSAGES: [{ im: { chat_id: '1', message_id: '2' } }] }, { application_token: 'forged' });
  assert.equal(answer.status, 401);
  const install = await portal.install(product.url, { application_token: 'forged', access_token: 'stolen' });
  assert.equal(install.status, 401);
  assert.equal(await Bitrix24EventModel.countDocuments(), before);
  assert.equal((await PortalModel.findById(portal.memberId).lean())!.applicationToken, portal.state.applicationToken);
});

test('an operator message event is recorded once, however often it arrives, and handed to its workflow', async () => {
  const data = { CONNECTOR: 'olbridge_whatsapp', LINE: '1', MESSAGES: [{ im: { chat_id: '1807', message_id: '86497' }, message: { user_id: '27', text: 'Hello' }, chat: { id: 'abc' } }] };
  assert.equal((await portal.event(product.url, 'ONIMCONNECTORMESSAGEADD', data)).status, 200);
  assert.equal((await portal.event(product.url, 'ONIMCONNECTORMESSAGEADD', data)).status, 200);
  const recorded = await Bitrix24EventModel.find({ event: 'ONIMCONNECTORMESSAGEADD', 'data.MESSAGES.im.message_id': '86497' }).lean();
  assert.equal(recorded.length, 1);
  assert.ok(['handled', 'accepted'].includes(recorded[0]!.status), recorded[0]!.status);
  const other = await portal.event(product.url, 'ONIMCONNECTORMESSAGEADD', { ...data, CONNECTOR: 'someone_else' });
  assert.deepEqual(await other.json(), { result: 'ignored' });
});

test('open lines are listed with their connector; binding and unbinding reach Bitrix24; a line deleted there unbinds', async () => {
  const id = await product.createConnector('Lines');
  await product.api(`/connectors/${id}`, { method: 'PATCH', body: { lineId: 2 } });
  await eventually(async () => (portal.callsOf('imconnector.connector.data.set').some((c) => c.body.LINE === 2) ? true : undefined), 45_000, 'activation');
  const activate = portal.callsOf('imconnector.activate').filter((c) => c.body.LINE === 2);
  assert.deepEqual(activate.at(-1)!.body, { CONNECTOR: 'olbridge_whatsapp', LINE: 2, ACTIVE: 1 });
  const lines = await product.api(`/lines?portal=${portal.memberId}`);
  assert.deepEqual(lines.body.find((line: any) => line.id === 2), { id: 2, name: 'Support', active: false, connectorId: id });

  await product.api(`/connectors/${id}`, { method: 'PATCH', body: { lineId: null } });
  await eventually(async () => (portal.callsOf('imconnector.activate').some((c) => c.body.LINE === 2 && c.body.ACTIVE === 0) ? true : undefined), 45_000, 'deactivation');

  await product.api(`/connectors/${id}`, { method: 'PATCH', body: { lineId: 2 } });
  assert.equal((await portal.event(product.url, 'ONIMCONNECTORLINEDELETE', 2)).status, 200);
  assert.equal((await product.api(`/connectors/${id}`)).body.lineId, null);
});

test('a client text reaches the open line once, with the contact id as chat id and the phone, also after throttling', async () => {
  const id = await pairedOnLine('+79990000501', 1);
  await eventually(async () => (portal.callsOf('imconnector.activate').some((c) => c.body.LINE === 1 && c.body.ACTIVE === 1) ? true : undefined));
  portal.fail('imconnector.send.messages', 503, 'QUERY_LIMIT_EXCEEDED', 2);
  await product.phone.inbound(id, { from: '+79990000601', text: 'Hello [b]there[/b]', pushName: 'Анна 🌸 Smith!!' });
  const event = await eventually(async () => (await InboundEventModel.findOne({ connectorId: id, status: 'forwarded' }).lean()) ?? undefined, 30_000, 'forwarded');
  const calls = sentTo(event.contactId);
  assert.equal(calls.filter((c) => c.body.MESSAGES[0].message.id === event.whatsappId).length, 3, 'two throttled answers, then one accepted');
  const [item] = calls.at(-1)!.body.MESSAGES;
  assert.deepEqual(item.user, { id: event.contactId, name: 'Анна Smith', phone: '+79990000601', skip_phone_validate: 'Y' });
  assert.equal(item.message.text, 'Hello ［b］there［/b］');
  assert.equal(calls.at(-1)!.body.LINE, 1);
});

test('an image is offered as a signed URL that serves the bytes; an edit and a deletion follow', async () => {
  const id = await pairedOnLine('+79990000502', 3);
  const bytes = Buffer.from('not really a jpeg');
  const { id: waId } = await product.phone.inbound(id, { from: '+79990000602', text: 'caption', media: { kind: 'image', mimetype: 'image/jpeg', base64: bytes.toString('base64') } });
  const event = await eventually(async () => (await InboundEventModel.findOne({ connectorId: id, whatsappId: waId, status: 'forwarded' }).lean()) ?? undefined, 30_000, 'forwarded');
  const [item] = sentTo(event.contactId)[0]!.body.MESSAGES;
  const file = item.message.files[0];
  assert.match(file.name, /\.jpg$/);
  const download = await fetch(file.url);
  assert.equal(download.status, 200);
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes);
  assert.equal((await fetch(file.url.replace(/sig=[^&]+/, 'sig=forged'))).status, 403);

  await product.phone.edit(id, { from: '+79990000602', id: waId, text: 'new caption' });
  await product.phone.revoke(id, { from: '+79990000602', id: waId });
  await eventually(async () => (portal.callsOf('imconnector.delete.messages').some((c) => c.body.MESSAGES[0].message.id === waId) ? true : undefined), 30_000, 'the deletion');
  const update = portal.callsOf('imconnector.update.messages').find((c) => c.body.MESSAGES[0].message.id === waId);
  assert.equal(update!.body.MESSAGES[0].message.text, 'new caption');
});

test('a LID-only sender gets no phone in Bitrix24, and keeps its chat once the phone is known', async () => {
  const id = await pairedOnLine('+79990000503', 4);
  await product.phone.inbound(id, { from: '+79990000603', text: 'first', lidOnly: true });
  const first = await eventually(async () => (await InboundEventModel.findOne({ connectorId: id, status: 'forwarded' }).lean()) ?? undefined, 30_000, 'first');
  const [item] = sentTo(first.contactId)[0]!.body.MESSAGES;
  assert.equal(item.user.phone, undefined);
  assert.ok(!JSON.stringify(item).includes('@lid'));
  await product.phone.inbound(id, { from: '+79990000603', text: 'second' });
  await eventually(async () => (sentTo(first.contactId).length === 2 ? true : undefined), 30_000, 'the second message in the same chat');
  assert.equal(sentTo(first.contactId)[1]!.body.MESSAGES[0].user.phone, '+79990000603');
});

test('an ignored number creates nothing; a connector without a line keeps the message and forwards nothing', async () => {
  const id = await pairedOnLine('+79990000504', 5);
  const settings = (await product.api(`/connectors/${id}/settings`)).body;
  await product.api(`/connectors/${id}/settings`, { method: 'PUT', body: { ...settings, ignoredNumbers: ['+79990000604'] } });
  await product.phone.inbound(id, { from: '+79990000604', text: 'ignored' });
  await product.api(`/connectors/${id}`, { method: 'PATCH', body: { lineId: null } });
  await product.phone.inbound(id, { from: '+79990000605', text: 'kept' });
  const kept = await eventually(async () => (await InboundEventModel.findOne({ connectorId: id, status: 'no_line' }).lean()) ?? undefined, 30_000, 'kept');
  assert.equal(kept.text, 'kept');
  assert.equal(await InboundEventModel.countDocuments({ connectorId: id }), 1);
  assert.equal(sentTo(kept.contactId).length, 0);
});

test('a connector that needs attention is announced to the installing admin', async () => {
  const id = await pairedOnLine('+79990000505', 6);
  await product.phone.logout(id);
  await eventually(async () => ((await AttentionModel.findOne({ connectorId: id, deliveredAt: { $ne: null } }).lean()) ? true : undefined), 30_000, 'delivery');
  const notice = portal.callsOf('im.notify.system.add').find((c) => String(c.body.TAG).includes(id));
  assert.equal(notice!.body.USER_ID, 1);
  assert.match(notice!.body.MESSAGE, /logged out/);
});

test('every method and parameter the product sent is in the reference', () => {
  assert.ok(portal.state.calls.length > 10);
  for (const call of portal.state.calls) {
    assert.ok(call.method in DOCUMENTED_METHODS, `${call.method} is not in the reference`);
    assert.deepEqual(undocumentedParams(call.method, Object.fromEntries(call.params.map((p) => [p, true]))), [], call.method);
  }
});

test('ONAPPUNINSTALL takes the portal\'s connectors off their lines', async () => {
  // Named for its portal: with more than one portal installed, an unnamed connector belongs to none.
  const id = (await product.api('/connectors', { method: 'POST', body: { name: 'Uninstall', portal: portal.memberId } })).body.id as string;
  await product.api(`/connectors/${id}`, { method: 'PATCH', body: { lineId: 9 } });
  assert.equal((await portal.event(product.url, 'ONAPPUNINSTALL', { LANGUAGE_ID: 'en', CLEAN: '0' })).status, 200);
  // The handler answers once the event is recorded; the uninstall itself follows.
  await eventually(async () => ((await ConnectorModel.findById(id).lean())!.lineId === null ? true : undefined), 20_000, 'the line released');
  assert.ok((await PortalModel.findById(portal.memberId).lean())!.uninstalledAt);
});

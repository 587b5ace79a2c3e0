import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { restCall, startEmulatorWithApp } from '../../sandbox/bitrix24-emulator/test-harness.js';

let env: Awaited<ReturnType<typeof startEmulatorWithApp>>;
let auth: string;
const CONNECTOR = 'olbridge_whatsapp';

before(async () => {
  env = await startEmulatorWithApp();
});
after(() => env.close());

const call = (method: string, params: Record<string, unknown> = {}) => restCall(env.url, method, { auth, ...params });
const eventsTo = (event: string) => env.received.filter((r) => r.body.event === event);

/** Installs the app and does what the product's installer does: register, bind, switch line 1 on. */
async function installAndConnect(): Promise<void> {
  env.received.length = 0;
  await env.emulator.control.install();
  auth = (eventsTo('ONAPPINSTALL')[0]?.body.auth as Record<string, string>).access_token ?? '';
  await call('imconnector.register', { ID: CONNECTOR, NAME: 'WhatsApp', ICON: { DATA_IMAGE: 'data:image/svg+xml,%3Csvg%3E' }, PLACEMENT_HANDLER: `${env.appUrl}/bitrix24/placement` });
  for (const event of ['OnImConnectorMessageAdd', 'OnImConnectorMessageUpdate', 'OnImConnectorMessageDelete', 'OnImConnectorLineDelete', 'OnImConnectorStatusDelete', 'OnImConnectorDialogStart', 'ONAPPUNINSTALL']) {
    await call('event.bind', { event, handler: `${env.appUrl}/bitrix24/events` });
  }
  await call('imconnector.activate', { CONNECTOR, LINE: 1, ACTIVE: 1 });
  await call('imconnector.connector.data.set', { CONNECTOR, LINE: 1, DATA: { ID: 'wa_1', URL: 'https://wa.me/1', NAME: 'WhatsApp' } });
  env.received.length = 0;
}

const clientMessage = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
  CONNECTOR,
  LINE: 1,
  MESSAGES: [{ user: { id: 'c-79001234567', name: 'Ivan', phone: '+79001234567' }, message: { id, date: 1773265993, text, ...extra }, chat: { id: 'c-79001234567' } }],
});

beforeEach(async () => {
  env.emulator.control.configure({ echo: { system: false, operator: true }, rate: { enabled: false } });
  await installAndConnect();
});

test('install posts ONAPPINSTALL form-encoded with PHP-style keys and every scalar a string', async () => {
  env.received.length = 0;
  const result = await env.emulator.control.install();
  const [install] = eventsTo('ONAPPINSTALL');
  assert.ok(install);
  assert.equal(install.path, '/bitrix24/install');
  assert.equal(install.contentType, 'application/x-www-form-urlencoded');
  assert.equal(install.userAgent, 'Bitrix24 Webhook Engine');
  assert.match(install.raw, /auth%5Baccess_token%5D=/);
  const { data, auth: a, ts } = install.body as any;
  assert.deepEqual(data, { VERSION: '1', ACTIVE: 'Y', INSTALLED: 'Y', LANGUAGE_ID: 'ru' });
  assert.match(ts, /^\d+$/);
  assert.match(a.member_id, /^[0-9a-f]{32}$/);
  assert.equal(a.member_id, result.memberId);
  assert.equal(a.application_token, result.applicationToken);
  assert.equal(a.expires_in, '3600');
  assert.equal(a.user_id, '1');
  assert.equal(a.client_endpoint, `${env.url}/rest/`);
  assert.ok(a.refresh_token);
  for (const [key, value] of install.raw.split('&').map((p) => p.split('='))) assert.ok(value !== undefined, key);
});

test('a reinstall wipes the event bindings', async () => {
  assert.ok((await call('event.get')).body.result.length > 0);
  await installAndConnect();
  env.emulator.state.eventBindings.length = 0;
  await env.emulator.control.install();
  assert.deepEqual(env.emulator.state.eventBindings, []);
});

test('an install through the install page delivers no events until installFinish', async () => {
  env.received.length = 0;
  await env.emulator.control.install({ mode: 'page' });
  const page = env.received.find((r) => r.body.PLACEMENT === 'DEFAULT');
  assert.ok(page?.body.AUTH_ID && page.body.REFRESH_ID && page.body.APPLICATION_TOKEN);
  assert.match(page.query, /DOMAIN=/);
  const token = String(page.body.AUTH_ID);
  await restCall(env.url, 'event.bind', { auth: token, event: 'OnImConnectorLineDelete', handler: `${env.appUrl}/bitrix24/events` });
  assert.equal((await restCall(env.url, 'app.info', { auth: token })).body.result.INSTALLED, false);
  await env.emulator.control.deleteLine(env.emulator.control.addLine({ name: 'tmp' }).id);
  assert.equal(eventsTo('ONIMCONNECTORLINEDELETE').length, 0);
  env.emulator.control.finishInstall();
  await env.emulator.control.deleteLine(env.emulator.control.addLine({ name: 'tmp2' }).id);
  assert.equal(eventsTo('ONIMCONNECTORLINEDELETE').length, 1);
});

test('send.messages opens a chat and a session and answers their ids as strings', async () => {
  const { status, body } = await call('imconnector.send.messages', clientMessage('wa-1', 'Hello'));
  assert.equal(status, 200);
  assert.equal(body.result.SUCCESS, true);
  const [item] = body.result.DATA.RESULT;
  assert.match(item.user, /^\d+$/);
  assert.match(item.session.ID, /^\d+$/);
  assert.match(item.session.CHAT_ID, /^\d+$/);
  assert.equal(item.SUCCESS, true);
  const again = await call('imconnector.send.messages', clientMessage('wa-2', 'Again'));
  assert.equal(again.body.result.DATA.RESULT[0].session.CHAT_ID, item.session.CHAT_ID);
  const chat = env.emulator.control.chat(Number(item.session.CHAT_ID));
  assert.deepEqual(chat?.messages.map((m) => [m.author, m.text]), [['client', 'Hello'], ['client', 'Again']]);
  assert.equal(eventsTo('ONIMCONNECTORMESSAGEADD').length, 0, 'a client message is not sent back to the connector');
});

test('send.messages is refused on a line where the connector is not switched on', async () => {
  const { status, body } = await call('imconnector.send.messages', { ...clientMessage('wa-x', 'Hi'), LINE: 2 });
  assert.equal(status, 400);
  assert.equal(body.error, 'NOT_ACTIVE_LINE');
});

test('a form-encoded send.messages with PHP brackets works like JSON', async () => {
  const { status, body } = await restCall(env.url, 'imconnector.send.messages', { auth, ...clientMessage('wa-f', 'Form') }, { form: true });
  assert.equal(status, 200);
  assert.equal(body.result.DATA.RESULT[0].SUCCESS, true);
});

test('an operator reply emits OnImConnectorMessageAdd with int im ids, signed BB-code text and file links', async () => {
  const sent = await call('imconnector.send.messages', clientMessage('wa-3', 'Price?'));
  const chatId = Number(sent.body.result.DATA.RESULT[0].session.CHAT_ID);
  const { message } = await env.emulator.control.reply({ chatId, userId: 2, text: 'Hello', files: [{ name: 'price.pdf', base64: Buffer.from('PDF').toString('base64'), mime: 'application/pdf' }] });
  const [event] = eventsTo('ONIMCONNECTORMESSAGEADD');
  assert.ok(event);
  assert.equal(event.path, '/bitrix24/events');
  const data = event.body.data as any;
  assert.equal(data.CONNECTOR, CONNECTOR);
  assert.equal(data.LINE, '1');
  const [item] = data.MESSAGES;
  assert.equal(item.im.chat_id, String(chatId));
  assert.equal(item.im.message_id, String(message.id));
  assert.equal(item.message.user_id, '2');
  assert.equal(item.message.text, '[b]Anna Smirnova:[/b] [br]Hello');
  assert.equal(item.chat.id, 'c-79001234567');
  assert.deepEqual(Object.keys(item.message.files[0]).sort(), ['link', 'name', 'size', 'type']);
  assert.equal(item.message.files[0].size, '3');
  assert.equal(await (await fetch(item.message.files[0].link)).text(), 'PDF');
  const authBlock = event.body.auth as any;
  assert.equal(authBlock.user_id, '2');
  assert.equal(authBlock.refresh_token, undefined);
  assert.equal(authBlock.application_token, env.emulator.state.app.applicationToken);
  assert.equal(env.emulator.control.events({ event: 'ONIMCONNECTORMESSAGEADD' }).at(-1)?.answer?.status, 200);
});

test('an operator message stays undelivered until send.status.delivery confirms it', async () => {
  const sent = await call('imconnector.send.messages', clientMessage('wa-4', 'Hi'));
  const chatId = Number(sent.body.result.DATA.RESULT[0].session.CHAT_ID);
  const { message } = await env.emulator.control.reply({ chatId, text: 'On my way' });
  assert.equal(env.emulator.control.chat(chatId)?.messages.at(-1)?.delivered, false);
  const { body } = await call('imconnector.send.status.delivery', {
    CONNECTOR,
    LINE: 1,
    MESSAGES: [{ im: { chat_id: chatId, message_id: message.id }, message: { id: ['3EB0AA'], date: 1773265999 }, chat: { id: 'c-79001234567' } }],
  });
  assert.deepEqual(body.result, { SUCCESS: true, DATA: [] });
  const stored = env.emulator.control.chat(chatId)?.messages.at(-1);
  assert.equal(stored?.delivered, true);
  assert.deepEqual(stored?.externalIds, ['3EB0AA']);
});

test('operator edits and deletes emit Update (message.id a list) and Delete (message.id a string)', async () => {
  const sent = await call('imconnector.send.messages', clientMessage('wa-5', 'Hi'));
  const chatId = Number(sent.body.result.DATA.RESULT[0].session.CHAT_ID);
  const { message } = await env.emulator.control.reply({ chatId, userId: 2, text: 'v1' });
  await call('imconnector.send.status.delivery', { CONNECTOR, LINE: 1, MESSAGES: [{ im: { chat_id: chatId, message_id: message.id }, message: { id: ['WA1'] } }] });
  await env.emulator.control.edit({ messageId: message.id, text: 'v2' });
  await env.emulator.control.remove({ messageId: message.id });
  const update = (eventsTo('ONIMCONNECTORMESSAGEUPDATE')[0]?.body.data as any).MESSAGES[0];
  assert.deepEqual(update.message.id, ['WA1']);
  assert.equal(update.message.text, '[b]Anna Smirnova:[/b] [br]v2');
  const remove = (eventsTo('ONIMCONNECTORMESSAGEDELETE')[0]?.body.data as any).MESSAGES[0];
  assert.equal(remove.message.id, 'WA1');
});

test('message.user_id 0 posts a system message without an event; >0 an operator message with one', async () => {
  await call('imconnector.send.messages', clientMessage('wa-6', 'From the phone', { user_id: 0 }));
  assert.equal(eventsTo('ONIMCONNECTORMESSAGEADD').length, 0);
  await call('imconnector.send.messages', clientMessage('wa-7', 'From a robot', { user_id: 3 }));
  await env.emulator.control.idle();
  const [event] = eventsTo('ONIMCONNECTORMESSAGEADD');
  assert.equal((event?.body.data as any).MESSAGES[0].message.user_id, '3');
  const chat = env.emulator.control.chats().find((c) => c.user.externalId === 'c-79001234567');
  assert.deepEqual(env.emulator.control.chat(chat?.id ?? 0)?.messages.slice(-2).map((m) => m.author), ['system', 'operator']);
});

test('the echo of user_id 0 can be switched on to test the other hypothesis', async () => {
  env.emulator.control.configure({ echo: { system: true } });
  await call('imconnector.send.messages', clientMessage('wa-8', 'Echo me', { user_id: 0 }));
  await env.emulator.control.idle();
  assert.equal((eventsTo('ONIMCONNECTORMESSAGEADD')[0]?.body.data as any).MESSAGES[0].message.user_id, '0');
});

test('deleting a line sends its bare id; turning the connector off sends lowercase keys', async () => {
  const line = env.emulator.control.addLine({ name: 'Temp' });
  await call('imconnector.activate', { CONNECTOR, LINE: line.id, ACTIVE: 1 });
  await env.emulator.control.turnOffConnector({ connector: CONNECTOR, line: line.id });
  await env.emulator.control.deleteLine(line.id);
  assert.deepEqual(eventsTo('ONIMCONNECTORSTATUSDELETE')[0]?.body.data, { connector: CONNECTOR, line: String(line.id) });
  assert.equal(eventsTo('ONIMCONNECTORLINEDELETE')[0]?.body.data, String(line.id));
});

test('uninstall sends ONAPPUNINSTALL with CLEAN and no tokens, and the old tokens stop working', async () => {
  await env.emulator.control.uninstall({ clean: true });
  const [event] = eventsTo('ONAPPUNINSTALL');
  assert.deepEqual((event?.body as any).data, { LANGUAGE_ID: 'ru', CLEAN: '1' });
  const a = (event?.body as any).auth;
  assert.equal(a.access_token, undefined);
  assert.equal(a.refresh_token, undefined);
  assert.ok(a.application_token && a.member_id && a.domain);
  assert.equal((await call('profile')).status, 401);
});

test('the SMS provider receives the §5 payload from a CRM card, a robot and a mailing', async () => {
  await call('messageservice.sender.add', { CODE: 'wa_c1', TYPE: 'SMS', HANDLER: `${env.appUrl}/bitrix24/sms`, NAME: 'WhatsApp' });
  await env.emulator.control.sendSms({ code: 'wa_c1', phone: '+79001234567', text: 'Hi', source: 'crm', ownerTypeId: 3, ownerId: 5 });
  await env.emulator.control.sendSms({ code: 'wa_c1', phone: '+79001234567', text: 'Hi', source: 'bizproc' });
  await env.emulator.control.sendSms({ code: 'wa_c1', phone: '+79001234567', text: 'Hi', source: 'mailing' });
  const [crm, bizproc, mailing] = env.received.filter((r) => r.path === '/bitrix24/sms').map((r) => r.body as any);
  assert.equal(crm.module_id, 'crm');
  assert.deepEqual(crm.bindings, [{ OWNER_TYPE_ID: '3', OWNER_ID: '5' }]);
  assert.deepEqual(crm.properties, { phone_number: '+79001234567', message_text: 'Hi' });
  assert.equal(crm.type, 'SMS');
  assert.equal(crm.code, 'wa_c1');
  assert.match(crm.message_id, /^[0-9a-f]{32}$/);
  assert.equal(crm.message_to, '+79001234567');
  assert.equal(crm.message_body, 'Hi');
  assert.equal(crm.auth.user_id, '1');
  assert.equal(bizproc.module_id, 'bizproc');
  assert.equal(bizproc.document_id.length, 3);
  assert.equal(mailing.module_id, 'sender');
  assert.equal(mailing.bindings, undefined);
});

test('SMS statuses are checked against the enum and the message must exist', async () => {
  await call('messageservice.sender.add', { CODE: 'wa_c2', TYPE: 'SMS', HANDLER: `${env.appUrl}/bitrix24/sms`, NAME: 'WhatsApp' });
  const { message } = await env.emulator.control.sendSms({ code: 'wa_c2', phone: '+79001234567', text: 'Hi', source: 'crm' });
  assert.equal((await call('messageservice.message.status.update', { CODE: 'wa_c2', MESSAGE_ID: message.id, STATUS: 'delivered' })).body.result, true);
  assert.equal((await call('messageservice.message.status.update', { CODE: 'wa_c2', MESSAGE_ID: message.id, STATUS: 'seen' })).body.error, 'ERROR_MESSAGE_STATUS_INCORRECT');
  assert.equal((await call('messageservice.message.status.update', { CODE: 'wa_c2', MESSAGE_ID: 'nope', STATUS: 'sent' })).body.error, 'ERROR_MESSAGE_NOT_FOUND');
  assert.deepEqual(env.emulator.control.sms().find((m) => m.id === message.id)?.statuses.map((s) => s.status), ['delivered']);
});

const robot = () => ({
  CODE: 'send_whatsapp',
  HANDLER: `${env.appUrl}/bitrix24/robot`,
  AUTH_USER_ID: 1,
  NAME: { ru: 'Отправить WhatsApp', en: 'Send WhatsApp message' },
  USE_SUBSCRIPTION: 'Y',
  PROPERTIES: {
    phone: { Name: 'Phone', Type: 'string', Required: 'Y' },
    text: { Name: 'Text', Type: 'text', Required: 'Y' },
    connector: { Name: 'Connector', Type: 'select', Options: { c1: 'Main' } },
    create_chat: { Name: 'Create chat', Type: 'bool', Default: 'Y' },
  },
  RETURN_PROPERTIES: { message_id: { Name: 'Message id', Type: 'string' }, status: { Name: 'Status', Type: 'string' } },
});

test('bizproc.robot.add validates code, handler domain and properties', async () => {
  assert.equal((await call('bizproc.robot.add', { ...robot(), CODE: '' })).body.error_description, 'Empty activity code!');
  assert.equal((await call('bizproc.robot.add', { ...robot(), HANDLER: 'https://elsewhere.example/robot' })).body.error, 'ERROR_WRONG_HANDLER_URL');
  assert.equal((await call('bizproc.robot.add', { ...robot(), PROPERTIES: { '1bad': { Name: 'x' } } })).body.error, 'ERROR_ACTIVITY_VALIDATION_FAILURE');
  assert.equal((await call('bizproc.robot.add', robot())).body.result, true);
  assert.equal((await call('bizproc.robot.add', robot())).body.error, 'ERROR_ACTIVITY_ALREADY_INSTALLED');
  assert.deepEqual((await call('bizproc.robot.list')).body.result, ['send_whatsapp']);
  await call('bizproc.robot.delete', { CODE: 'send_whatsapp' });
});

test('running the robot posts the §6 payload, and bizproc.event.send accepts its token once', async () => {
  await call('bizproc.robot.add', robot());
  const { run } = await env.emulator.control.runRobot({ code: 'send_whatsapp', properties: { phone: '+79001234567', text: 'Hi', connector: 'c1' }, documentId: ['crm', 'CCrmDocumentDeal', 'DEAL_123'] });
  const posted = env.received.find((r) => r.path === '/bitrix24/robot')?.body as any;
  assert.equal(posted.code, 'send_whatsapp');
  assert.equal(posted.use_subscription, 'Y');
  assert.equal(posted.event_token, run.eventToken);
  assert.equal(posted.workflow_id, run.workflowId);
  assert.deepEqual(posted.document_id, ['crm', 'CCrmDocumentDeal', 'DEAL_123']);
  assert.deepEqual(posted.document_type, ['crm', 'CCrmDocumentDeal', 'DEAL']);
  assert.deepEqual(posted.properties, { phone: '+79001234567', text: 'Hi', connector: 'c1', create_chat: 'Y' });
  assert.ok(posted.auth.access_token && posted.auth.application_token);
  assert.equal(posted.auth.refresh_token, undefined);
  const send = { EVENT_TOKEN: run.eventToken, RETURN_VALUES: { message_id: 'm1', status: 'sent' } };
  assert.equal((await call('bizproc.event.send', send)).body.result, true);
  const again = await call('bizproc.event.send', send);
  assert.equal(again.status, 403);
  assert.equal(again.body.error, 'ACCESS_DENIED');
  assert.deepEqual(env.emulator.control.robotRuns().find((r) => r.eventToken === run.eventToken)?.completed?.returnValues, { message_id: 'm1', status: 'sent' });
  await call('bizproc.robot.delete', { CODE: 'send_whatsapp' });
});

test('the overview and chat pages show the portal, the chat and an operator reply form', async () => {
  const sent = await call('imconnector.send.messages', clientMessage('wa-p', 'Page <b>check</b>'));
  const chatId = sent.body.result.DATA.RESULT[0].session.CHAT_ID;
  const overview = await (await fetch(`${env.url}/`)).text();
  assert.match(overview, /Открытая линия 1/);
  assert.match(overview, /olbridge_whatsapp/);
  const page = await (await fetch(`${env.url}/chats/${chatId}`)).text();
  assert.match(page, /Page &lt;b&gt;check&lt;\/b&gt;/);
  assert.match(page, /Ответить как оператор/);
  const reply = await fetch(`${env.url}/ui/chats/${chatId}/reply`, { method: 'POST', body: new URLSearchParams({ userId: '2', text: 'From the page' }), redirect: 'manual' });
  assert.equal(reply.status, 303);
  assert.equal(env.emulator.control.chat(Number(chatId))?.messages.at(-1)?.text, 'From the page');
});

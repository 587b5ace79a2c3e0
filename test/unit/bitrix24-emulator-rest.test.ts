import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { restCall, startEmulatorWithApp } from '../../sandbox/bitrix24-emulator/test-harness.js';

let env: Awaited<ReturnType<typeof startEmulatorWithApp>>;
let auth: string;
let refresh: string;

before(async () => {
  env = await startEmulatorWithApp();
});
after(() => env.close());
beforeEach(async () => {
  env.emulator.control.clearFaults();
  env.emulator.control.configure({ rate: { enabled: false }, tokenTtlSeconds: 3600 });
  env.received.length = 0;
  await env.emulator.control.install();
  const install = env.received.find((r) => r.body.event === 'ONAPPINSTALL');
  const installAuth = install?.body.auth as Record<string, string>;
  auth = installAuth.access_token ?? '';
  refresh = installAuth.refresh_token ?? '';
});

const call = (method: string, params: Record<string, unknown> = {}, init: { form?: boolean; path?: string } = {}) =>
  restCall(env.url, method, { auth, ...params }, init);

test('a successful call answers the result with the time block of a portal', async () => {
  const { status, body } = await call('user.admin');
  assert.equal(status, 200);
  assert.equal(body.result, true);
  for (const key of ['start', 'finish', 'duration', 'processing', 'date_start', 'date_finish', 'operating_reset_at', 'operating']) assert.ok(key in body.time, key);
  assert.match(body.time.date_start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/);
});

test('the SDK’s double slash, the .json suffix and its bx24_* query params are accepted', async () => {
  const response = await fetch(`${env.url}/rest//profile.json?bx24_request_id=abc&bx24_sdk_ver=2.1.0&bx24_sdk_type=b24jssdk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth }),
  });
  const body = (await response.json()) as any;
  assert.equal(response.status, 200);
  assert.equal(body.result.ID, '1');
  assert.equal(body.result.ADMIN, true);
});

test('auth in the query string works as well as in the body', async () => {
  const response = await fetch(`${env.url}/rest/user.admin?auth=${auth}`);
  assert.equal(response.status, 200);
});

test('an unknown method is 404 ERROR_METHOD_NOT_FOUND', async () => {
  const { status, body } = await call('crm.deal.teleport');
  assert.equal(status, 404);
  assert.deepEqual(body, { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
});

test('a call without auth is 401 NO_AUTH_FOUND, an unknown token 401 invalid_token', async () => {
  const none = await restCall(env.url, 'profile', {});
  assert.equal(none.status, 401);
  assert.equal(none.body.error, 'NO_AUTH_FOUND');
  const wrong = await restCall(env.url, 'profile', { auth: 'nope' });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.error, 'invalid_token');
});

test('a missing required parameter is 400 ERROR_ARGUMENT naming it', async () => {
  const { status, body } = await call('imconnector.activate', { CONNECTOR: 'olbridge_whatsapp', ACTIVE: 1 });
  assert.equal(status, 400);
  assert.equal(body.error, 'ERROR_ARGUMENT');
  assert.match(body.error_description, /'LINE'/);
});

test('an undocumented parameter is refused with 400 ERROR_ARGUMENT naming it, also deep inside MESSAGES', async () => {
  const top = await call('imconnector.status', { CONNECTOR: 'x', LINE: 1, VERBOSE: 'Y' });
  assert.equal(top.status, 400);
  assert.match(top.body.error_description, /'VERBOSE'/);
  const deep = await call('imconnector.send.messages', {
    CONNECTOR: 'x',
    LINE: 1,
    MESSAGES: [{ user: { id: '1', nickname: 'x' }, message: { text: 'hi' }, chat: { id: '1' } }],
  });
  assert.equal(deep.status, 400);
  assert.match(deep.body.error_description, /MESSAGES\[0\]\[user\]\[nickname\]/);
});

test('classic methods ignore key case; crm.timeline.comment.add requires lowercase fields', async () => {
  const contact = await call('crm.contact.add', { FIELDS: { NAME: 'Ivan' } });
  assert.equal(contact.status, 200);
  const upper = await call('crm.timeline.comment.add', { FIELDS: { ENTITY_ID: contact.body.result, ENTITY_TYPE: 'contact', COMMENT: 'x' } });
  assert.equal(upper.status, 400);
  assert.equal(upper.body.error, 'ERROR_ARGUMENT');
  const lower = await call('crm.timeline.comment.add', { fields: { ENTITY_ID: contact.body.result, ENTITY_TYPE: 'contact', COMMENT: 'x' } });
  assert.equal(lower.status, 200);
  assert.equal(typeof lower.body.result, 'number');
});

test('the access token expires after the configured lifetime: 401 expired_token', async () => {
  assert.equal((await call('profile')).status, 200);
  env.emulator.control.advanceClock(3601);
  const { status, body } = await call('profile');
  assert.equal(status, 401);
  assert.deepEqual(body, { error: 'expired_token', error_description: 'The access token provided has expired.' });
});

test('over the leaky bucket the portal answers 503 QUERY_LIMIT_EXCEEDED, and drains with time', async () => {
  env.emulator.control.configure({ rate: { enabled: true, limit: 3, drainPerSecond: 1 } });
  for (let i = 0; i < 3; i += 1) assert.equal((await call('user.admin')).status, 200);
  const limited = await call('user.admin');
  assert.equal(limited.status, 503);
  assert.equal(limited.body.error, 'QUERY_LIMIT_EXCEEDED');
  env.emulator.control.advanceClock(2);
  assert.equal((await call('user.admin')).status, 200);
});

test('injected failures answer the next calls to that method, then it works again', async () => {
  env.emulator.control.injectFault({ method: 'profile', kind: 'QUERY_LIMIT_EXCEEDED', count: 2 });
  env.emulator.control.injectFault({ method: 'user.admin', kind: 'internal' });
  assert.equal((await call('profile')).status, 503);
  assert.equal((await call('user.admin')).status, 500);
  assert.equal((await call('profile')).status, 503);
  assert.equal((await call('profile')).status, 200);
});

test('refresh tokens rotate and are single-use; a bad client is invalid_client', async () => {
  const { clientId, clientSecret } = env.emulator.state.app;
  const form = (token: string, secret = clientSecret) =>
    fetch(`${env.url}/oauth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, client_secret: secret, refresh_token: token }),
    });
  const first = await form(refresh);
  const fresh = (await first.json()) as any;
  assert.equal(first.status, 200);
  assert.notEqual(fresh.refresh_token, refresh);
  assert.equal(fresh.expires_in, 3600);
  assert.equal(fresh.member_id, env.emulator.state.memberId);
  assert.equal(fresh.client_endpoint, `${env.url}/rest/`);
  assert.equal((await restCall(env.url, 'profile', { auth: fresh.access_token })).status, 200);
  const reused = await form(refresh);
  assert.equal(reused.status, 400);
  assert.equal(((await reused.json()) as any).error, 'invalid_grant');
  const badClient = await form(fresh.refresh_token, 'wrong');
  assert.equal(((await badClient.json()) as any).error, 'invalid_client');
  const viaGet = await fetch(`${env.url}/oauth/token/?${new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: fresh.refresh_token })}`);
  assert.equal(viaGet.status, 200);
});

test('list methods page by 50 with total and next', async () => {
  const before = env.emulator.state.users.length;
  for (let i = 0; i < 60; i += 1) env.emulator.control.addUser({ name: `User${i}` });
  const total = before + 60;
  const first = await call('user.get', { FILTER: { ACTIVE: true } });
  assert.equal(first.body.result.length, 50);
  assert.equal(first.body.total, total);
  assert.equal(first.body.next, 50);
  assert.equal(typeof first.body.result[0].ID, 'string');
  const second = await call('user.get', { FILTER: { ACTIVE: true }, start: 50 });
  assert.equal(second.body.result.length, total - 50);
  assert.equal(second.body.next, undefined);
});

test('batch runs commands with $result references and reports failures per command in a 200', async () => {
  const { status, body } = await call('batch', {
    halt: 0,
    cmd: { me: 'profile', dep: 'department.get?ID=$result[me][ID]', bad: 'no.such.method', users: 'user.get' },
  });
  assert.equal(status, 200);
  assert.equal(body.result.result.me.ID, '1');
  assert.equal(body.result.result.dep[0].ID, '1');
  assert.equal(body.result.result_error.bad.error, 'ERROR_METHOD_NOT_FOUND');
  assert.equal(typeof body.result.result_total.users, 'number');
  assert.ok(body.result.result_time.me.start);
  const clean = await call('batch', { cmd: ['user.admin', 'profile'] });
  assert.deepEqual(clean.body.result.result_error, []);
  assert.equal(clean.body.result.result[0], true);
});

test('batch refuses more than 50 commands and nested batches', async () => {
  const many = await call('batch', { cmd: Array.from({ length: 51 }, () => 'profile') });
  assert.equal(many.status, 400);
  assert.equal(many.body.error, 'ERROR_BATCH_LENGTH_EXCEEDED');
  const nested = await call('batch', { cmd: { a: 'batch?cmd[0]=profile' } });
  assert.equal(nested.status, 405);
});

test('a whole batch costs one request in the bucket', async () => {
  env.emulator.control.configure({ rate: { enabled: true, limit: 1, drainPerSecond: 0 } });
  const { status } = await call('batch', { cmd: ['profile', 'user.admin', 'app.info'] });
  assert.equal(status, 200);
  assert.equal((await call('profile')).status, 503);
});

test('imconnector via a webhook is 403 WRONG_AUTH_TYPE', async () => {
  const hook = env.emulator.control.createWebhook();
  const response = await fetch(`${hook.url}imconnector.status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ CONNECTOR: 'x' }) });
  assert.equal(response.status, 403);
  assert.equal(((await response.json()) as any).error, 'WRONG_AUTH_TYPE');
  const profile = await fetch(`${hook.url}profile`);
  assert.equal(profile.status, 200);
});

test('imconnector.register reports its failures inside a 200', async () => {
  const { status, body } = await call('imconnector.register', { ID: 'wa.bad', NAME: 'x', ICON: { DATA_IMAGE: 'data:image/svg+xml,' }, PLACEMENT_HANDLER: `${env.appUrl}/bitrix24/placement` });
  assert.equal(status, 200);
  assert.equal(body.result.result, false);
  assert.equal(body.result.error, 'APPLICATION_REGISTRATION_ERROR_POINT');
});

test('event.bind twice with the same handler is ERROR_HANDLER_ALREADY_EXIST; event.get lists the binding', async () => {
  const bind = { event: 'OnImConnectorMessageAdd', handler: `${env.appUrl}/bitrix24/events` };
  assert.equal((await call('event.bind', bind)).body.result, true);
  const again = await call('event.bind', bind);
  assert.equal(again.status, 400);
  assert.equal(again.body.error, 'ERROR_HANDLER_ALREADY_EXIST');
  const listed = await call('event.get');
  assert.deepEqual(listed.body.result, [{ event: 'ONIMCONNECTORMESSAGEADD', handler: bind.handler, auth_type: '0', offline: 0 }]);
});

test('crm.duplicate.findbycomm gives [] when nothing matches, ids by type when something does', async () => {
  const none = await call('crm.duplicate.findbycomm', { type: 'PHONE', values: ['+79990001122'] });
  assert.deepEqual(none.body.result, []);
  const id = (await call('crm.contact.add', { fields: { NAME: 'Ivan', PHONE: [{ VALUE: '+7 999 000-11-22', VALUE_TYPE: 'MOBILE' }] } })).body.result;
  const found = await call('crm.duplicate.findbycomm', { type: 'PHONE', values: ['79990001122'] });
  assert.deepEqual(found.body.result, { CONTACT: [id] });
  const contact = await call('crm.contact.get', { id });
  assert.deepEqual(contact.body.result.PHONE[0].VALUE_TYPE, 'MOBILE');
  assert.equal(contact.body.result.ID, String(id));
});

test('crm.activity.todo.add requires a deadline and answers {id}', async () => {
  const ownerId = (await call('crm.lead.add', { fields: { TITLE: 'x' } })).body.result;
  const missing = await call('crm.activity.todo.add', { ownerTypeId: 1, ownerId });
  assert.equal(missing.status, 400);
  assert.match(missing.body.error_description, /deadline/);
  const ok = await call('crm.activity.todo.add', { ownerTypeId: 1, ownerId, deadline: '2026-03-01T12:00:00+03:00', title: 'Call back', pingOffsets: [0] });
  assert.equal(ok.status, 200);
  assert.equal(typeof ok.body.result.id, 'number');
});

test('every call is logged with its method and params, without the token', async () => {
  await call('imopenlines.config.list.get', { PARAMS: { limit: 10 } });
  const logged = env.emulator.control.calls({ method: 'imopenlines.config.list.get' }).at(-1);
  assert.deepEqual(logged?.params, { PARAMS: { limit: 10 } });
  assert.equal(logged?.status, 200);
});

test('the seeded open lines are listed with string ids', async () => {
  const { body } = await call('imopenlines.config.list.get');
  assert.deepEqual(body.result.slice(0, 2).map((l: any) => [l.ID, l.LINE_NAME]), [['1', 'Открытая линия 1'], ['2', 'Продажи']]);
});

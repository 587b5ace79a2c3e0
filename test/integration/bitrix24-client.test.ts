import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import express from 'express';
import { createBitrix24Client } from '../../integrations/bitrix24/client.js';
import { Bitrix24Error } from '../../integrations/bitrix24/errors.js';
import { LeakyBucket } from '../../integrations/bitrix24/rate-limit.js';
import { loadAccess, refreshAccess } from '../../integrations/bitrix24/tokens.js';
import { seal, unseal } from '../../lib/crypto.js';
import { PortalModel } from '../../storage/models/portal.js';
import { RefreshLockModel } from '../../storage/models/refresh-lock.js';
import { startPortalDouble, type PortalDouble } from '../support/bitrix24-double.js';
import { serve } from '../support/http.js';
import { eventually } from '../support/product.js';
import { useTestDatabase } from '../support/servers.js';

/**
 * The REST client against a portal double, with the real database holding the portal record and the
 * refresh lock. Each client below is an independent instance, as three processes would have.
 */
const KEY = Buffer.alloc(32, 4);
let portal: PortalDouble;
let dropDatabase: () => Promise<void>;

const client = () =>
  createBitrix24Client({ memberId: portal.memberId, encryptionKey: KEY, oauth: { clientId: 'id', clientSecret: 'secret' }, bucket: new LeakyBucket(50, 50), backoffMs: () => 20 });

/** A client whose calls belong to work that `cancel` cancels (in the product: an activity's cancellation). */
function cancellableClient(options: { memberId?: string; bucket?: LeakyBucket; backoffMs?: number } = {}) {
  const work = new AbortController();
  const cancellable = createBitrix24Client({
    memberId: options.memberId ?? portal.memberId,
    encryptionKey: KEY,
    oauth: { clientId: 'id', clientSecret: 'secret' },
    bucket: options.bucket ?? new LeakyBucket(50, 50),
    backoffMs: () => options.backoffMs ?? 20,
    cancellation: () => work.signal,
  });
  return { client: cancellable, cancel: () => work.abort() };
}

const cancelledBeforeAnswer = (err: unknown) => err instanceof Bitrix24Error && err.cancelled && err.nothingProcessed;
const SEND = { CONNECTOR: 'olbridge_whatsapp', LINE: 1, MESSAGES: [{ user: { id: 'c1' }, message: { id: 'w9', text: 'hi' }, chat: { id: 'c1' } }] };

before(async () => {
  dropDatabase = await useTestDatabase();
  portal = await startPortalDouble();
  await PortalModel.create({
    _id: portal.memberId,
    domain: 'acme.example',
    clientEndpoint: portal.restUrl,
    serverEndpoint: portal.restUrl,
    applicationToken: portal.state.applicationToken,
    accessToken: seal(portal.state.accessToken, KEY),
    refreshToken: seal(portal.state.refreshToken, KEY),
  });
});
after(async () => {
  await portal.stop();
  await dropDatabase();
});

test('an expired token is refreshed once even when eight independent clients hit it at the same time, expiry after expiry', async () => {
  // Several rounds, because the losing clients race the winner's release of the lock: one that reads
  // the old token version before the winner stores the new tokens, and takes the lock after it is
  // released, must not spend the refresh token the winner has already used.
  const clients = Array.from({ length: 8 }, client);
  await Promise.all(clients.map((c) => c.call('profile')));
  for (let round = 0; round < 5; round += 1) {
    portal.expireToken();
    const before = portal.state.refreshes;
    const answers = await Promise.all(clients.map((c) => c.call('imopenlines.config.list.get', { PARAMS: { limit: 200, offset: 0 } })));
    assert.equal(portal.state.refreshes - before, 1, `round ${round}`);
    assert.ok(answers.every((lines) => Array.isArray(lines) && lines.length === 2));
  }
  const stored = await PortalModel.findById(portal.memberId).lean();
  assert.equal(unseal(stored!.refreshToken, KEY), portal.state.refreshToken, 'the rotated refresh token is stored');
  assert.notEqual(stored!.refreshToken, portal.state.refreshToken, 'and stored sealed');
});

test('a caller that takes the refresh lock after the winner released it uses the new tokens instead of spending the old refresh token', async () => {
  // An instant token endpoint shrinks the winner's refresh to a few database round trips, so the
  // losers' read-then-lock steps straddle its release often; single-use refresh tokens as on a portal.
  let current = 'r-0';
  let exchanges = 0;
  const tokenEndpoint: typeof fetch = async (_url, init) => {
    const sent = new URLSearchParams(String(init?.body)).get('refresh_token');
    if (sent !== current) return Response.json({ error: 'invalid_grant', error_description: 'refresh token already used' }, { status: 400 });
    exchanges += 1;
    current = `r-${exchanges}`;
    return Response.json({ access_token: `a-${exchanges}`, refresh_token: current });
  };
  const memberId = 'race-portal';
  await PortalModel.create({
    _id: memberId,
    domain: 'race.example',
    clientEndpoint: 'https://race.example/rest/',
    serverEndpoint: 'https://oauth.example/rest/',
    applicationToken: 'app-token',
    accessToken: seal('a-0', KEY),
    refreshToken: seal(current, KEY),
  });
  for (let round = 0; round < 10; round += 1) {
    const stale = await loadAccess(memberId, KEY);
    const fresh = await Promise.all(Array.from({ length: 12 }, () => refreshAccess(stale, KEY, {}, tokenEndpoint)));
    assert.equal(exchanges, round + 1, `round ${round}: one exchange`);
    assert.ok(fresh.every((access) => access.accessToken === `a-${round + 1}`));
  }
});

test('a non-idempotent send is repeated after QUERY_LIMIT_EXCEEDED and expired_token, which prove nothing was processed', async () => {
  portal.fail('imconnector.send.messages', 503, 'QUERY_LIMIT_EXCEEDED', 2);
  portal.expireToken();
  const sent = portal.callsOf('imconnector.send.messages').length;
  const answer = await client().call<{ SUCCESS: boolean }>('imconnector.send.messages', {
    CONNECTOR: 'olbridge_whatsapp',
    LINE: 1,
    MESSAGES: [{ user: { id: 'c1' }, message: { id: 'w1', text: 'hi' }, chat: { id: 'c1' } }],
  });
  assert.equal(answer.SUCCESS, true);
  // Two throttled answers, then the accepted call (the expired-token answer is not logged as a call).
  assert.equal(portal.callsOf('imconnector.send.messages').length - sent, 3);
});

test('a non-idempotent send is not repeated after a 500, whose outcome is unknown', async () => {
  portal.fail('imconnector.send.messages', 500, 'INTERNAL_SERVER_ERROR');
  const sent = portal.callsOf('imconnector.send.messages').length;
  await assert.rejects(
    client().call('imconnector.send.messages', { CONNECTOR: 'olbridge_whatsapp', LINE: 1, MESSAGES: [{ user: { id: 'c1' }, message: { id: 'w2' }, chat: { id: 'c1' } }] }),
    (err: unknown) => err instanceof Bitrix24Error && err.code === 'INTERNAL_SERVER_ERROR',
  );
  assert.equal(portal.callsOf('imconnector.send.messages').length - sent, 1);
});

test('an idempotent call is repeated after a 500', async () => {
  portal.fail('imopenlines.config.list.get', 500, 'INTERNAL_SERVER_ERROR', 2);
  const lines = await client().call<unknown[]>('imopenlines.config.list.get', { PARAMS: { limit: 200, offset: 0 } });
  assert.equal(lines.length, 2);
});

test('parameters the reference does not document are refused before anything is sent', async () => {
  await assert.rejects(client().call('imconnector.activate', { CONNECTOR: 'x', LINE: 1, ACTIVE: 1, COLOR: 'red' }), /not in the reference: COLOR/);
});

test('the leaky bucket holds calls beyond the burst to the drain rate', async () => {
  const bucket = new LeakyBucket(20, 2);
  const started = Date.now();
  await Promise.all(Array.from({ length: 6 }, () => bucket.take()));
  // 2 at once, then 4 more at 20/s: at least ~200 ms.
  assert.ok(Date.now() - started >= 180, `took ${Date.now() - started} ms`);
});

test('a cancelled call stops backing off at once, sends nothing more, and fails as nothing processed', async () => {
  portal.fail('imconnector.send.messages', 503, 'QUERY_LIMIT_EXCEEDED');
  const sent = portal.callsOf('imconnector.send.messages').length;
  const { client: cancellable, cancel } = cancellableClient({ backoffMs: 60_000 });
  const call = cancellable.call('imconnector.send.messages', SEND);
  await eventually(async () => (portal.callsOf('imconnector.send.messages').length > sent ? true : undefined), 10_000, 'the refused send');
  cancel();
  await assert.rejects(call, cancelledBeforeAnswer);
  assert.equal(portal.callsOf('imconnector.send.messages').length - sent, 1);
});

test('a cancelled call waiting for room in the rate bucket gives up its turn without sending', async () => {
  const bucket = new LeakyBucket(0.01, 1);
  await bucket.take();
  const sent = portal.callsOf('profile').length;
  const { client: cancellable, cancel } = cancellableClient({ bucket });
  const call = cancellable.call('profile');
  cancel();
  await assert.rejects(call, cancelledBeforeAnswer);
  assert.equal(portal.callsOf('profile').length, sent);
});

/**
 * A portal of one test's own: each request is recorded in `received`, then answered by `respond`
 * (which may hold the answer back).
 */
async function localPortal(memberId: string, respond: (method: string) => Promise<{ status: number; json: unknown }>) {
  const received: string[] = [];
  const app = express();
  app.use(express.json());
  app.post('/rest/:method', async (req, res) => {
    received.push(String(req.params.method));
    const { status, json } = await respond(String(req.params.method));
    res.status(status).json(json);
  });
  const server = await serve(app);
  await PortalModel.create({
    _id: memberId,
    domain: `${memberId}.example`,
    clientEndpoint: `${server.url}/rest/`,
    serverEndpoint: `${server.url}/rest/`,
    applicationToken: 'app-token',
    accessToken: seal('a', KEY),
    refreshToken: seal('r', KEY),
  });
  return { received, stop: server.stop };
}

/** A portal that holds every answer until `answer()`. */
async function stalledPortal(memberId: string) {
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const local = await localPortal(memberId, async () => {
    await answered;
    return { status: 200, json: { result: { SUCCESS: true } } };
  });
  return { ...local, answer };
}

test('a cancelled call waiting for another process to refresh the token gives up without refreshing', async () => {
  const memberId = 'locked-portal';
  const local = await localPortal(memberId, async () => ({ status: 401, json: { error: 'expired_token', error_description: 'The access token provided has expired.' } }));
  const lock = { _id: `${memberId}:0`, holder: 'another-process', until: new Date(Date.now() + 60_000) };
  await RefreshLockModel.create(lock);
  const { client: cancellable, cancel } = cancellableClient({ memberId });
  // Not idempotent, so the expired-token answer arrives however soon the work is cancelled.
  const call = cancellable.call('im.notify.system.add', { USER_ID: 1, MESSAGE: 'hi' });
  await eventually(async () => (local.received.length === 1 ? true : undefined), 10_000, 'the expired-token answer');
  cancel();
  await assert.rejects(call, cancelledBeforeAnswer);
  assert.deepEqual(await RefreshLockModel.findById(lock._id).lean(), lock, 'the other process keeps the refresh');
  await local.stop();
});

test('cancellation abandons an idempotent request in flight: repeating it is harmless', async () => {
  const stalled = await stalledPortal('stalled-read');
  const { client: cancellable, cancel } = cancellableClient({ memberId: 'stalled-read' });
  const call = cancellable.call('imopenlines.config.list.get', { PARAMS: { limit: 200, offset: 0 } });
  await eventually(async () => (stalled.received.length === 1 ? true : undefined), 10_000, 'the request in flight');
  cancel();
  await assert.rejects(call, cancelledBeforeAnswer);
  stalled.answer();
  await stalled.stop();
});

test('cancellation lets a non-idempotent request in flight run to its answer, so whether the portal acted is known', async () => {
  const stalled = await stalledPortal('stalled-send');
  const { client: cancellable, cancel } = cancellableClient({ memberId: 'stalled-send' });
  const call = cancellable.call<{ SUCCESS: boolean }>('imconnector.send.messages', SEND);
  await eventually(async () => (stalled.received.length === 1 ? true : undefined), 10_000, 'the request in flight');
  cancel();
  stalled.answer();
  assert.deepEqual(await call, { SUCCESS: true });
  await stalled.stop();
});

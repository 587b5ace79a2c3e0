import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createBitrix24Client } from '../../integrations/bitrix24/client.js';
import { Bitrix24Error } from '../../integrations/bitrix24/errors.js';
import { LeakyBucket } from '../../integrations/bitrix24/rate-limit.js';
import { loadAccess, refreshAccess } from '../../integrations/bitrix24/tokens.js';
import { seal, unseal } from '../../lib/crypto.js';
import { PortalModel } from '../../storage/models/portal.js';
import { startPortalDouble, type PortalDouble } from '../support/bitrix24-double.js';
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

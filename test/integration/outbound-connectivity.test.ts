import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { message, messageWhen, pairedConnector, send, sentAtLeast } from '../support/outbound.js';
import { connectorWhen, startProduct, type Product } from '../support/product.js';

/** Sends while the account cannot send: they wait for a connection (up to SEND_TTL) or out a restriction. */
const SEND_TTL_MS = 6000;
let product: Product;

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 1000, qrRotations: 100 }, sendTtlMs: SEND_TTL_MS });
  await product.startSessionHost();
});
after(() => product.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a send to a disconnected account waits and leaves once the account is back', async () => {
  const id = await pairedConnector(product, '+79990000601');
  await product.phone.conflict(id);
  await connectorWhen(product, id, (c) => c.state === 'conflict', 'conflict');
  const messageId = await send(product, id, { to: '+79993330001', text: 'waits for the phone' });
  await pause(2500);
  assert.ok(['queued', 'sending'].includes((await message(product, id, messageId)).status));
  assert.equal((await product.phone.sent(id)).length, 0);
  await product.api(`/connectors/${id}/reconnect`, { method: 'POST' });
  await messageWhen(product, id, messageId, ['delivered'], 30_000);
  assert.deepEqual((await sentAtLeast(product, id, 1)).map((entry) => [entry.text, entry.attempts]), [['waits for the phone', 1]]);
});

test('a send that waits longer than SEND_TTL fails with send_ttl_expired and is never sent', async () => {
  const id = await pairedConnector(product, '+79990000602');
  await product.phone.conflict(id);
  await connectorWhen(product, id, (c) => c.state === 'conflict', 'conflict');
  const messageId = await send(product, id, { to: '+79993330002', text: 'too late' });
  const failed = await messageWhen(product, id, messageId, ['failed'], SEND_TTL_MS + 20_000);
  assert.equal(failed.failureReason, 'send_ttl_expired');
  await product.api(`/connectors/${id}/reconnect`, { method: 'POST' });
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected again');
  await pause(1500);
  assert.equal((await product.phone.sent(id)).length, 0);
});

test('a restriction pauses sending, the connector says so, and sending resumes after it', async () => {
  const id = await pairedConnector(product, '+79990000603');
  const { until } = await product.phone.restrict(id, { seconds: 4 });
  const restricted = await connectorWhen(product, id, (c) => !!c.restriction, 'the restriction shown');
  assert.equal(restricted.restriction.reason, 'reachout_time_lock');
  const first = await send(product, id, { to: '+79993330003', text: 'after the lock 1' });
  const second = await send(product, id, { to: '+79993330003', text: 'after the lock 2' });
  await pause(2000);
  assert.equal((await product.phone.sent(id)).length, 0);
  await messageWhen(product, id, second, ['delivered'], 30_000);
  const sent = await sentAtLeast(product, id, 2);
  assert.deepEqual(sent.map((entry) => entry.text), ['after the lock 1', 'after the lock 2']);
  assert.ok(sent[0]!.at >= until, 'nothing left before the restriction ended');
  assert.equal((await message(product, id, first)).failureReason, undefined);
  await connectorWhen(product, id, (c) => !c.restriction, 'the restriction no longer shown');
});

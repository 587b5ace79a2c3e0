import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sessionHostProcesses } from '../support/session-host-process.js';
import { messageWhen, pairedConnector, send, sentAtLeast } from '../support/outbound.js';
import { startProduct, type Product } from '../support/product.js';

/**
 * Crashes mid-queue: the orchestrator worker is stopped and replaced, then the session host (its own
 * process) is killed without warning. Every message must still leave exactly once, in order.
 */
let product: Product;

const hosts = sessionHostProcesses(() => product);

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 1000, qrRotations: 100 } });
});
after(async () => {
  hosts.killAll();
  await product.stop();
});

test('after the worker and then the session host die mid-queue, every message is sent exactly once, in order', async () => {
  const firstHost = hosts.start();
  const id = await pairedConnector(product, '+79990000701', 'Failover');
  const texts = Array.from({ length: 12 }, (_, i) => `in order ${i}`);
  const ids: string[] = [];
  for (const text of texts) ids.push(await send(product, id, { to: '+79994440001', text }));

  await sentAtLeast(product, id, 3);
  await product.restartOrchestrator();
  await sentAtLeast(product, id, 6, 60_000);
  firstHost.kill('SIGKILL');
  hosts.start();

  const sent = await sentAtLeast(product, id, 12, 150_000);
  assert.deepEqual(sent.map((entry) => entry.text), texts);
  assert.equal(new Set(sent.map((entry) => entry.id)).size, 12);
  // A resend after a crash carries the same WhatsApp id, so the phone still shows one message per id.
  assert.ok(sent.filter((entry) => entry.attempts > 1).length <= 1, JSON.stringify(sent.map((entry) => entry.attempts)));
  for (const messageId of ids) await messageWhen(product, id, messageId, ['sent', 'delivered'], 30_000);
});

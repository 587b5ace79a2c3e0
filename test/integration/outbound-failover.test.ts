import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { messageWhen, pairedConnector, send, sentAtLeast } from '../support/outbound.js';
import { ADMIN_TOKEN, ENCRYPTION_KEY, startProduct, type Product } from '../support/product.js';

/**
 * Crashes mid-queue: the orchestrator worker is stopped and replaced, then the session host (its own
 * process) is killed without warning. Every message must still leave exactly once, in order.
 */
const root = path.resolve(import.meta.dirname, '../..');
let product: Product;
const hosts: ChildProcess[] = [];

function startHostProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/session-host.ts'], {
    cwd: root,
    env: {
      ...process.env,
      MONGO_URL: product.databaseUrl,
      ADMIN_API_TOKEN: ADMIN_TOKEN,
      ENCRYPTION_KEY: ENCRYPTION_KEY.toString('base64'),
      WHATSAPP_TRANSPORT: 'simulator',
      WHATSAPP_SIMULATOR_URL: product.simulatorUrl,
      TASK_QUEUE_PREFIX: product.queuePrefix,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  hosts.push(child);
  return child;
}

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 1000, qrRotations: 100 } });
});
after(async () => {
  for (const host of hosts) host.kill('SIGKILL');
  await product.stop();
});

test('after the worker and then the session host die mid-queue, every message is sent exactly once, in order', async () => {
  const firstHost = startHostProcess();
  const id = await pairedConnector(product, '+79990000701', 'Failover');
  const texts = Array.from({ length: 12 }, (_, i) => `in order ${i}`);
  const ids: string[] = [];
  for (const text of texts) ids.push(await send(product, id, { to: '+79994440001', text }));

  await sentAtLeast(product, id, 3);
  await product.restartOrchestrator();
  await sentAtLeast(product, id, 6, 60_000);
  firstHost.kill('SIGKILL');
  startHostProcess();

  const sent = await sentAtLeast(product, id, 12, 150_000);
  assert.deepEqual(sent.map((entry) => entry.text), texts);
  assert.equal(new Set(sent.map((entry) => entry.id)).size, 12);
  // A resend after a crash carries the same WhatsApp id, so the phone still shows one message per id.
  assert.ok(sent.filter((entry) => entry.attempts > 1).length <= 1, JSON.stringify(sent.map((entry) => entry.attempts)));
  for (const messageId of ids) await messageWhen(product, id, messageId, ['sent', 'delivered'], 30_000);
});

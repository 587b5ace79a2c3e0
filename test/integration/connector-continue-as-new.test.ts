import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connectorWorkflow } from '../../workflows/connector.js';
import { connectorStatusQuery, renameSignal } from '../../workflows/messages.js';
import { eventually, startProduct, type Product } from '../support/product.js';

/**
 * History stays bounded: a connector workflow continues as new with its state carried over, and the
 * session comes back from the stored pairing. (The server suggests this at ~4k events; a test limit
 * makes it happen after a few.)
 */
let product: Product;

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 1000, qrRotations: 100 } });
  await product.startSessionHost();
});
after(() => product.stop());

test('a connector continues as new with its name, phone and pairing, and reconnects without a QR', async () => {
  const handle = await product.client.workflow.start(connectorWorkflow, {
    taskQueue: product.queues.orchestrator,
    workflowId: 'connector:bounded',
    args: [{ version: 1, status: { connectorId: 'bounded', name: 'Bounded', state: 'pairing' }, sessionsQueue: product.queues.sessions, historyLimit: 60 }],
  });
  const firstRun = handle.firstExecutionRunId;
  await eventually(async () => ((await product.phone.account('bounded')).qr ? true : undefined), 20_000, 'a QR');
  await product.phone.scan('bounded', { phone: '+79990000501' });
  await eventually(async () => ((await handle.query(connectorStatusQuery)).state === 'connected' ? true : undefined), 20_000, 'connected');

  for (let i = 0; i < 30; i++) await handle.signal(renameSignal, `Bounded ${i}`);
  const latest = product.client.workflow.getHandle('connector:bounded');
  await eventually(async () => ((await latest.describe()).runId !== firstRun ? true : undefined), 30_000, 'a new run');

  const carried = await eventually(async () => {
    const status = await latest.query(connectorStatusQuery);
    return status.state === 'connected' ? status : undefined;
  }, 30_000, 'connected in the new run');
  assert.deepEqual({ name: carried.name, phone: carried.phone }, { name: 'Bounded 29', phone: '+79990000501' });
  assert.equal((await product.phone.account('bounded')).paired, true);
  await latest.terminate('test done');
});

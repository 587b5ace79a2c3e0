import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sessionHostProcesses } from '../support/session-host-process.js';
import { connectorWhen, eventually, startProduct, type Product } from '../support/product.js';

/**
 * The session host as its own process, killed without warning while connected: the session must come
 * back on the next host from the stored pairing (no new QR), and never with two sockets at once.
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

test('a session host killed while connected is replaced, and the session resumes without a new QR', async () => {
  const first = hosts.start();
  const id = await product.createConnector('Failover');
  await product.scanShownQr(id, '+79990000301');
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected on the first host');

  first.kill('SIGKILL');
  hosts.start();
  await eventually(async () => ((await product.phone.sockets(id)).open === 0 ? true : undefined), 10_000, 'the dead host socket gone');
  await eventually(async () => ((await product.phone.sockets(id)).open === 1 ? true : undefined), 120_000, 'a socket from the new host');

  const resumed = await connectorWhen(product, id, (c) => c.state === 'connected', 'connected on the second host');
  assert.equal(resumed.phone, '+79990000301');
  assert.equal((await product.phone.account(id)).paired, true);
  assert.equal((await product.phone.sockets(id)).maxConcurrent, 1);
});

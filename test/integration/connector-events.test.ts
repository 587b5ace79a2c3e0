import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SessionLeaseModel } from '../../storage/models/session-lease.js';
import { ADMIN_TOKEN, connectorWhen, eventually, startProduct, type Product } from '../support/product.js';
import { openEventStream } from '../support/sse.js';

let product: Product;

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 500, qrFirstMs: 500, qrRotations: 100 } });
  await product.startSessionHost({ leaseTtlMs: 3000, leaseRenewMs: 300 });
});
after(() => product.stop());

test('the events stream pushes each rotated QR and the change to connected', async () => {
  const id = await product.createConnector('Live page');
  const stream = await openEventStream(`${product.url}/api/v1/connectors/${id}/events`, ADMIN_TOKEN);
  try {
    const first = await stream.next((c) => !!c.qr);
    const rotated = await stream.next((c) => !!c.qr && c.qr !== first.qr);
    assert.match(rotated.qrDataUrl, /^data:image\/png;base64,/);
    await product.phone.scan(id, { phone: '+79990000401', qr: rotated.qr });
    const connected = await stream.next((c) => c.state === 'connected');
    assert.equal(connected.phone, '+79990000401');
  } finally {
    stream.close();
  }
});

test('every pushed view has the fields of GET /connectors/:id, also after a change of state', async () => {
  const id = await product.createConnector('Same fields');
  const stream = await openEventStream(`${product.url}/api/v1/connectors/${id}/events`, ADMIN_TOKEN);
  try {
    const pairing = await stream.next((c) => !!c.qr);
    await product.phone.scan(id, { phone: '+79990000402', qr: pairing.qr });
    const connected = await stream.next((c) => c.state === 'connected');
    const fetched = (await product.api(`/connectors/${id}`)).body;
    assert.deepEqual(Object.keys(connected).sort(), Object.keys(fetched).sort());
  } finally {
    stream.close();
  }
});

test('the events stream needs the admin token', async () => {
  const id = await product.createConnector('Private');
  await assert.rejects(openEventStream(`${product.url}/api/v1/connectors/${id}/events`, 'wrong-token-wrong-token'), /401/);
});

test('a host that loses its socket lease closes the socket, then takes the account back when the lease is free', async () => {
  const id = await product.createConnector('Fenced');
  await product.scanShownQr(id, '+79990000402');
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected');

  // Another holder takes the lease over (as a new host would after a partition) for two seconds.
  await SessionLeaseModel.updateOne({ _id: id }, { $set: { holder: 'intruder', token: 1_000_000, expiresAt: new Date(Date.now() + 2000) } });
  await eventually(async () => ((await product.phone.sockets(id)).open === 0 ? true : undefined), 10_000, 'the socket closed');
  await eventually(async () => ((await product.phone.sockets(id)).open === 1 ? true : undefined), 30_000, 'the socket back');
  await connectorWhen(product, id, (c) => c.state === 'connected' && c.phone === '+79990000402', 'connected again');
  assert.equal((await product.phone.sockets(id)).maxConcurrent, 1);
});

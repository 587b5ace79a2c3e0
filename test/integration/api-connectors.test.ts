import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN as TOKEN, startProduct, type Product } from '../support/product.js';
import { call } from '../support/http.js';

let product: Product;
before(async () => (product = await startProduct()));
after(() => product.stop());

const connectors = (path = '') => `${product.url}/api/v1/connectors${path}`;

test('creating a connector answers 201 with its id and the pairing state', async () => {
  const created = await call(connectors(), { method: 'POST', token: TOKEN, body: { name: 'Sales' } });
  assert.equal(created.status, 201);
  assert.match(created.body.id, /^[a-z0-9]{12}$/);
  assert.deepEqual({ name: created.body.name, state: created.body.state, lineId: created.body.lineId }, { name: 'Sales', state: 'pairing', lineId: null });
});

test('a created connector is listed and can be read back', async () => {
  const { body: created } = await call(connectors(), { method: 'POST', token: TOKEN, body: { name: 'Support' } });
  const list = await call(connectors(), { token: TOKEN });
  assert.ok(list.body.some((c: { id: string }) => c.id === created.id));
  assert.equal((await call(connectors(`/${created.id}`), { token: TOKEN })).body.name, 'Support');
});

test('renaming a connector reaches its workflow', async () => {
  const { body: created } = await call(connectors(), { method: 'POST', token: TOKEN, body: { name: 'Old name' } });
  const renamed = await call(connectors(`/${created.id}`), { method: 'PATCH', token: TOKEN, body: { name: 'New name' } });
  assert.equal(renamed.status, 200);
  const status = await product.client.workflow.getHandle(`connector:${created.id}`).query<{ name: string }>('status');
  assert.equal(status.name, 'New name');
});

test('an empty name is refused with 422 naming the field, and nothing is created', async () => {
  const before = (await call(connectors(), { token: TOKEN })).body.length;
  const refused = await call(connectors(), { method: 'POST', token: TOKEN, body: { name: '  ' } });
  assert.equal(refused.status, 422);
  assert.deepEqual(Object.keys(refused.body.fields), ['name']);
  assert.equal((await call(connectors(), { token: TOKEN })).body.length, before);
});

test('a body that is not JSON is refused with 400', async () => {
  const refused = await call(connectors(), { method: 'POST', token: TOKEN, body: '{"name":' });
  assert.equal(refused.status, 400);
});

test('the management API refuses a missing or wrong bearer token with 401', async () => {
  assert.equal((await call(connectors())).status, 401);
  assert.equal((await call(connectors(), { token: 'wrong-token-wrong-token' })).status, 401);
});

test('an unknown connector is 404', async () => {
  assert.equal((await call(connectors('/doesnotexist'), { token: TOKEN })).status, 404);
});

test('deleting a connector ends its workflow and removes it from the list', async () => {
  const { body: created } = await call(connectors(), { method: 'POST', token: TOKEN, body: { name: 'Temporary' } });
  assert.equal((await call(connectors(`/${created.id}`), { method: 'DELETE', token: TOKEN })).status, 204);
  await product.client.workflow.getHandle(`connector:${created.id}`).result();
  assert.equal((await call(connectors(`/${created.id}`), { token: TOKEN })).status, 404);
});

test('/healthz answers 200 when Temporal and the database are reachable', async () => {
  const health = await call(`${product.url}/healthz`);
  assert.equal(health.status, 200);
  assert.deepEqual(health.body, { status: 'ok', temporal: 'ok', database: 'ok' });
});

test('/metrics serves Prometheus text with request counts', async () => {
  const metrics = await call(`${product.url}/metrics`);
  assert.equal(metrics.status, 200);
  assert.match(metrics.headers.get('content-type') ?? '', /text\/plain/);
  assert.match(metrics.body, /olbridge_http_requests_total\{method="GET",route="\/healthz",status="200"\}/);
});

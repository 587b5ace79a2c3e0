import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import mongoose from 'mongoose';
import { ConnectorModel } from '../../storage/models/connector.js';
import { defaultSettings } from '../../domain/settings.js';
import { connectorWorkflow } from '../../workflows/connector.js';
import { connectorStatusQuery, renameSignal } from '../../workflows/messages.js';
import { startProduct, type Product } from '../support/product.js';

let product: Product;
before(async () => (product = await startProduct()));
after(() => product.stop());

test('a ConnectorWorkflow on the real Temporal server takes a signal and answers a query with it', async () => {
  const handle = await product.client.workflow.start(connectorWorkflow, {
    taskQueue: product.queues.orchestrator,
    workflowId: 'connector:smoke',
    args: [{ version: 1, status: { connectorId: 'smoke', name: 'Before', state: 'pairing' }, sessionsQueue: product.queues.sessions }],
  });
  await handle.signal(renameSignal, 'After');
  assert.equal((await handle.query(connectorStatusQuery)).name, 'After');
  await handle.terminate('smoke test done');
});

test('a mongoose document round-trips through the real database', async () => {
  await ConnectorModel.create({ _id: 'roundtrip', name: 'Support', settings: defaultSettings(), activeUntil: new Date('2027-01-01T00:00:00Z') });
  const stored = await ConnectorModel.findById('roundtrip').lean();
  assert.equal(stored?.name, 'Support');
  assert.equal(stored?.activeUntil?.toISOString(), '2027-01-01T00:00:00.000Z');
  assert.deepEqual(stored?.settings, defaultSettings());
  assert.equal(mongoose.connection.readyState, 1);
});

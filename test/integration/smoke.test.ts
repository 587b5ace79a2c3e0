import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import mongoose from 'mongoose';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { ConnectorModel } from '../../storage/models/connector.js';
import { defaultSettings } from '../../domain/settings.js';
import { connectorWorkflow } from '../../workflows/connector.js';
import { connectorStatusQuery, removeSignal, renameSignal } from '../../workflows/messages.js';
import { bundleWorkflows, quietTemporalRuntime, temporalClient, uniqueTaskQueue, useTestDatabase, workerConnection } from '../support/servers.js';

let client: Client;
let bundle: WorkflowBundleWithSourceMap;
let dropDatabase: () => Promise<void>;

before(async () => {
  quietTemporalRuntime();
  [client, bundle, dropDatabase] = await Promise.all([temporalClient(), bundleWorkflows(), useTestDatabase()]);
});
after(async () => {
  await client.connection.close();
  await dropDatabase();
});

test('a ConnectorWorkflow on the real Temporal server takes a signal and answers a query with it', async () => {
  const taskQueue = uniqueTaskQueue('smoke');
  const connection = await workerConnection();
  const worker = await Worker.create({ connection, taskQueue, workflowBundle: bundle });
  await worker.runUntil(async () => {
    const handle = await client.workflow.start(connectorWorkflow, {
      taskQueue,
      workflowId: `connector:smoke-${taskQueue}`,
      args: [{ version: 1, status: { connectorId: 'smoke', name: 'Before', state: 'pairing' } }],
    });
    await handle.signal(renameSignal, 'After');
    assert.equal((await handle.query(connectorStatusQuery)).name, 'After');
    await handle.signal(removeSignal);
    await handle.result();
  });
  await connection.close();
});

test('a mongoose document round-trips through the real database', async () => {
  await ConnectorModel.create({ _id: 'roundtrip', name: 'Support', settings: defaultSettings(), activeUntil: new Date('2027-01-01T00:00:00Z') });
  const stored = await ConnectorModel.findById('roundtrip').lean();
  assert.equal(stored?.name, 'Support');
  assert.equal(stored?.activeUntil?.toISOString(), '2027-01-01T00:00:00.000Z');
  assert.deepEqual(stored?.settings, defaultSettings());
  assert.equal(mongoose.connection.readyState, 1);
});

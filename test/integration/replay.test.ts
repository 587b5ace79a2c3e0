import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Client } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { connectorWorkflow } from '../../workflows/connector.js';
import { connectorStatusQuery, removeSignal, renameSignal } from '../../workflows/messages.js';
import { bundleWorkflows, quietTemporalRuntime, temporalClient, uniqueTaskQueue, workerConnection } from '../support/servers.js';

/**
 * Determinism guard: histories recorded from real runs must replay against the current workflow code.
 * `RECORD_HISTORIES=1 npm test -- replay` rewrites test/histories/ from a fresh run; commit the result
 * only when a change to workflows/ is meant to be incompatible (and then add a patch for running ones).
 */
const HISTORIES_DIR = path.join(import.meta.dirname, '..', 'histories');

let client: Client;
let bundle: WorkflowBundleWithSourceMap;

before(async () => {
  quietTemporalRuntime();
  [client, bundle] = await Promise.all([temporalClient(), bundleWorkflows()]);
});
after(() => client.connection.close());

async function recordConnectorLifecycle(): Promise<{ workflowId: string; json: string }> {
  const taskQueue = uniqueTaskQueue('replay');
  const workflowId = `connector:replay-${taskQueue}`;
  const connection = await workerConnection();
  const worker = await Worker.create({ connection, taskQueue, workflowBundle: bundle });
  const handle = await worker.runUntil(async () => {
    const started = await client.workflow.start(connectorWorkflow, {
      taskQueue,
      workflowId,
      args: [{ version: 1, status: { connectorId: 'replay', name: 'Sales', state: 'pairing' } }],
    });
    await started.signal(renameSignal, 'Support');
    await started.query(connectorStatusQuery);
    await started.signal(removeSignal);
    await started.result();
    return started;
  });
  await connection.close();
  return { workflowId, json: historyToJSON(await handle.fetchHistory()) };
}

test('a freshly recorded ConnectorWorkflow history replays against the bundled workflow code', async () => {
  const { workflowId, json } = await recordConnectorLifecycle();
  await Worker.runReplayHistory({ workflowBundle: bundle }, historyFromJSON(JSON.parse(json)), workflowId);
  if (process.env.RECORD_HISTORIES === '1') await writeFile(path.join(HISTORIES_DIR, 'connector-lifecycle.json'), json);
});

test('every committed workflow history replays without a determinism error', async () => {
  const files = (await readdir(HISTORIES_DIR)).filter((file) => file.endsWith('.json'));
  assert.ok(files.length > 0, 'test/histories/ holds no recorded history');
  for (const file of files) {
    const history = historyFromJSON(JSON.parse(await readFile(path.join(HISTORIES_DIR, file), 'utf8')));
    await Worker.runReplayHistory({ workflowBundle: bundle }, history, file);
  }
});

import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowIds } from '../../workflows/constants.js';
import { connectorWhen, startProduct, type Product } from '../support/product.js';
import { bundleWorkflows } from '../support/servers.js';

/**
 * Determinism guard: histories recorded from real runs must replay against the current workflow code.
 * `RECORD_HISTORIES=1 npm test -- replay` rewrites test/histories/ from a fresh run; commit the result
 * only when a change to workflows/ is meant to be incompatible (and then patch the running ones).
 */
const HISTORIES_DIR = path.join(import.meta.dirname, '..', 'histories');

let product: Product;
let bundle: WorkflowBundleWithSourceMap;

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 300, qrRotations: 100 } });
  await product.startSessionHost();
  bundle = await bundleWorkflows();
});
after(() => product.stop());

/** Pair, rename, drop and reconnect, change settings, disconnect, delete: the connector's common paths. */
async function recordConnectorLifecycle(): Promise<{ workflowId: string; json: string }> {
  const id = await product.createConnector('Replay');
  await product.scanShownQr(id, '+79990000201');
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected');
  await product.api(`/connectors/${id}`, { method: 'PATCH', body: { name: 'Replay 2' } });
  await product.phone.drop(id);
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected after a drop');
  const settings = (await product.api(`/connectors/${id}/settings`)).body;
  await product.api(`/connectors/${id}/settings`, { method: 'PUT', body: { ...settings, chats: { ...settings.chats, showOnline: true } } });
  await product.api(`/connectors/${id}/disconnect`, { method: 'POST' });
  await product.api(`/connectors/${id}`, { method: 'DELETE' });
  const handle = product.client.workflow.getHandle(workflowIds.connector(id));
  await handle.result();
  return { workflowId: handle.workflowId, json: historyToJSON(await handle.fetchHistory()) };
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

import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowIds } from '../../workflows/constants.js';
import { startChatSandbox, type ChatSandbox } from '../support/chat-sandbox.js';
import { connectorWhen, eventually, type Product } from '../support/product.js';
import { bundleWorkflows } from '../support/servers.js';

/**
 * Determinism guard: histories recorded from real runs must replay against the current workflow code.
 * `RECORD_HISTORIES=1 npm test -- replay` rewrites test/histories/ from a fresh run; commit the result
 * only when a change to workflows/ is meant to be incompatible (and then patch the running ones).
 */
const HISTORIES_DIR = path.join(import.meta.dirname, '..', 'histories');

/** The product on the Bitrix24 emulator: the chat workflow needs an open line to forward to and post in. */
let sandbox: ChatSandbox;
let product: Product;
let bundle: WorkflowBundleWithSourceMap;

before(async () => {
  sandbox = await startChatSandbox('+79990000200');
  product = sandbox.product;
  bundle = await bundleWorkflows();
});
after(() => sandbox?.stop());

async function recorded(workflowId: string): Promise<{ workflowId: string; json: string }> {
  return { workflowId, json: historyToJSON(await product.client.workflow.getHandle(workflowId).fetchHistory()) };
}

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
  await product.client.workflow.getHandle(workflowIds.connector(id)).result();
  return recorded(workflowIds.connector(id));
}

/**
 * A client writes and the bot greets, the client calls and nobody answers (to-do, autoreply, note),
 * the client picks a menu option and the bot answers: the chat workflow's common paths. The workflow
 * is taken once it waits for the next event, so the history ends where a running chat rests.
 */
async function recordChatDialog(): Promise<{ workflowId: string; json: string }> {
  const phone = '+79990000202';
  const { connectorId } = sandbox;
  await sandbox.settle({
    autoresponders: { missedCall: { createTask: true, createLeadIfNone: true, taskResponsibleId: 1, reply: { enabled: true, text: 'We missed your call.' } } },
    bot: { enabled: true, greeting: 'Hello! Pick a number:', options: [{ label: 'Prices', keywords: ['price'], reply: 'Prices start at 100.' }] },
  });
  const sent = (count: number, what: string) => eventually(async () => ((await sandbox.sentTo(phone)).length >= count ? true : undefined), 60_000, what);
  await product.phone.inbound(connectorId, { from: phone, text: 'Hi' });
  await sent(1, 'the greeting');
  await product.phone.call(connectorId, { from: phone, id: 'call-replay-1', outcome: 'missed' });
  await sent(2, 'the missed-call autoreply');
  await product.phone.inbound(connectorId, { from: phone, text: '1' });
  await sent(3, 'the bot\'s answer');
  const workflowId = workflowIds.chat(connectorId, await sandbox.contactIdOf(phone));
  await eventually(async () => {
    const { events } = await product.client.workflow.getHandle(workflowId).fetchHistory();
    return events?.at(-1)?.timerStartedEventAttributes ? true : undefined;
  }, 60_000, 'the chat waiting for its next event');
  return recorded(workflowId);
}

test('a freshly recorded ConnectorWorkflow history replays against the bundled workflow code', async () => {
  const { workflowId, json } = await recordConnectorLifecycle();
  await Worker.runReplayHistory({ workflowBundle: bundle }, historyFromJSON(JSON.parse(json)), workflowId);
  if (process.env.RECORD_HISTORIES === '1') await writeFile(path.join(HISTORIES_DIR, 'connector-lifecycle.json'), json);
});

test('a freshly recorded chat workflow history (message, missed call, bot answer) replays against the bundled workflow code', async () => {
  const { workflowId, json } = await recordChatDialog();
  await Worker.runReplayHistory({ workflowBundle: bundle }, historyFromJSON(JSON.parse(json)), workflowId);
  if (process.env.RECORD_HISTORIES === '1') await writeFile(path.join(HISTORIES_DIR, 'chat-dialog.json'), json);
});

test('every committed workflow history replays without a determinism error', async () => {
  const files = (await readdir(HISTORIES_DIR)).filter((file) => file.endsWith('.json'));
  assert.ok(files.length > 0, 'test/histories/ holds no recorded history');
  for (const file of files) {
    const history = historyFromJSON(JSON.parse(await readFile(path.join(HISTORIES_DIR, file), 'utf8')));
    await Worker.runReplayHistory({ workflowBundle: bundle }, history, file);
  }
});

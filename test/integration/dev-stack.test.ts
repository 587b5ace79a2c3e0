import assert from 'node:assert/strict';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { startDevStack } from '../../infra/stack/dev-stack.js';
import { loadLauncherConfig } from '../../lib/config.js';

/** The project's own servers keep their data in DATA_DIR: a restart finds workflows and documents again. */
test('workflows and documents written to the started servers survive a restart of both', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'olbridge-stack-'));
  // Use the project's own servers even when the surrounding run points at external ones.
  const config = { ...loadLauncherConfig({}), dataDir, temporalAddress: undefined, mongoUrl: undefined };
  const start = () => startDevStack(config, { ports: 'random', ui: false, log: () => {} });
  try {
    let stack = await start();
    await access(path.join(dataDir, 'temporal.sqlite'));
    await withServers(stack, async (client, db) => {
      await client.workflow.start('connectorWorkflow', { taskQueue: 'nobody-polls', workflowId: 'persisted', args: [] });
      await db.collection('probe').insertOne({ _id: 'kept' as never, value: 42 });
    });
    await stack.stop();

    stack = await start();
    await withServers(stack, async (client, db) => {
      assert.equal((await client.workflow.getHandle('persisted').describe()).status.name, 'RUNNING');
      assert.equal((await db.collection('probe').findOne({ _id: 'kept' as never }))?.value, 42);
    });
    await stack.stop();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

async function withServers(
  stack: { temporalAddress: string; mongoUrl: string },
  body: (client: Client, db: mongoose.mongo.Db) => Promise<void>,
): Promise<void> {
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const mongo = new mongoose.mongo.MongoClient(stack.mongoUrl);
  try {
    await body(new Client({ connection }), mongo.db('persistence'));
  } finally {
    await connection.close();
    await mongo.close();
  }
}

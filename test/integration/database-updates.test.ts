import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import mongoose from 'mongoose';
import { testDatabaseUrl } from '../support/servers.js';

/**
 * Different processes update different fields of one document at the same time (the api renames a
 * connector while its workflow publishes the status; an uninstall unbinds a line while a session
 * reports): the database must keep every update. Plain MongoDB does; FerretDB 1.24 reads, modifies and
 * writes a document in separate steps, so the project builds it with those steps serialized
 * (infra/tools/ferretdb.ts). Two independent connections stand for two processes.
 */
const url = testDatabaseUrl();
let api: mongoose.Connection;
let worker: mongoose.Connection;

before(async () => {
  [api, worker] = await Promise.all([mongoose.createConnection(url).asPromise(), mongoose.createConnection(url).asPromise()]);
});
after(async () => {
  await api.dropDatabase();
  await Promise.all([api.close(), worker.close()]);
});

test('concurrent updates of different fields of one document all persist', async () => {
  const docs = api.collection('concurrent_updates');
  const lost: number[] = [];
  for (let round = 0; round < 50; round += 1) {
    await docs.insertOne({ _id: round as never, name: 'old', status: 'old', lineId: 9 });
    await Promise.all([
      docs.updateOne({ _id: round as never }, { $set: { name: 'renamed' } }),
      worker.collection('concurrent_updates').updateOne({ _id: round as never }, { $set: { status: 'connected' } }),
      worker.collection('concurrent_updates').findOneAndUpdate({ _id: round as never }, { $set: { lineId: null } }),
    ]);
    const stored = await docs.findOne({ _id: round as never });
    if (stored?.name !== 'renamed' || stored.status !== 'connected' || stored.lineId !== null) lost.push(round);
  }
  assert.deepEqual(lost, [], 'rounds that lost an update');
});

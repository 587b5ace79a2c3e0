import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app.js';
import { createConnectorService } from '../../api/connectors/service.js';
import { databaseReachable } from '../../lib/database.js';
import { createLogger } from '../../lib/logger.js';
import { temporalReachable } from '../../lib/temporal.js';
import { freePort } from '../../infra/stack/ports.js';
import { call, serve } from '../support/http.js';

test('/healthz answers 503 naming Temporal and the database when neither answers', async () => {
  // A lazy connection to a port nobody listens on: the health check must report it, not hang or crash.
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 500 });
  const client = new Client({ connection });
  const api = await serve(
    createApp({
      adminApiToken: 'x'.repeat(32),
      logger: createLogger('test', 'silent'),
      health: { temporal: () => temporalReachable(client), database: databaseReachable },
      connectors: createConnectorService(client),
      defaultPhoneRegion: 'RU',
    }),
  );
  try {
    const health = await call(`${api.url}/healthz`);
    assert.equal(health.status, 503);
    assert.deepEqual(health.body, { status: 'unavailable', temporal: 'unreachable', database: 'unreachable' });
  } finally {
    await api.stop();
    await connection.close();
  }
});

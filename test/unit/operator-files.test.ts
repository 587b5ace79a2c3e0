import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { operatorFiles } from '../../activities/outgoing/operator-files.js';
import { createLogger } from '../../lib/logger.js';

test("an operator file download the portal stalls stops at the activity's cancellation", async (t) => {
  let requested!: () => void;
  const reached = new Promise<void>((resolve) => (requested = resolve));
  // Takes the request and never answers, as a portal stuck serving the file would.
  const portal = createServer(() => requested());
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    portal.closeAllConnections();
    portal.close();
  });
  const link = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/price.pdf`;
  const activity = new AbortController();
  const stopped = new Error('the activity was cancelled');

  const download = operatorFiles([{ name: 'price.pdf', link, type: 'file' }], createLogger('test', 'silent'), activity.signal);
  await reached;
  activity.abort(stopped);
  await assert.rejects(download, (err) => err === stopped);
});

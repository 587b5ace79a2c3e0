import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { freePort } from '../../infra/stack/ports.js';
import { startTemporalDevServer, type TemporalDevServer } from '../../infra/stack/temporal-dev-server.js';
import { defaultToolsCacheDir } from '../../infra/tools/cache.js';
import { resolveTemporalCli } from '../../infra/tools/temporal-cli.js';
import { loadLauncherConfig } from '../../lib/config.js';
import { MessageModel } from '../../storage/models/message.js';
import { messageWhen, pairedConnector, send, sentAtLeast } from '../support/outbound.js';
import { descendantsOf } from '../support/processes.js';
import { call } from '../support/http.js';
import { eventually, startProduct, type Product } from '../support/product.js';
import { temporalTarget } from '../support/servers.js';
import { sessionHostProcesses } from '../support/session-host-process.js';

/**
 * The Temporal server itself dies mid-queue, without warning, and comes back on the same SQLite file and
 * port. The api, the worker and the session host (its own process) stay up and must carry on by
 * themselves. The server is this file's own: the run's shared one must live on for the other files.
 */
let dataDir: string;
let temporal: TemporalDevServer;
let startTemporal: () => Promise<TemporalDevServer>;
let product: Product;

const hosts = sessionHostProcesses(() => product);

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'olbridge-temporal-restart-'));
  const { tools } = loadLauncherConfig();
  const cliPath = await resolveTemporalCli({ explicitPath: tools.temporalCliPath, cacheDir: tools.cacheDir ?? defaultToolsCacheDir(), log: () => {} });
  const port = await freePort();
  startTemporal = () =>
    startTemporalDevServer({ cliPath, dataDir, port, namespace: temporalTarget().namespace, logFile: path.join(dataDir, 'temporal.log') });
  temporal = await startTemporal();
  product = await startProduct({ temporalAddress: temporal.address, qr: { qrRotateMs: 1000, qrRotations: 100 } });
});
after(async () => {
  hosts.killAll();
  await product?.stop();
  await temporal?.process.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** SIGKILL to the server and everything it started: a crash, with no chance to flush or say goodbye. */
async function killTemporal(): Promise<void> {
  const pid = temporal.process.child.pid!;
  for (const each of [pid, ...descendantsOf(pid)]) process.kill(each, 'SIGKILL');
  await temporal.process.exited;
}

test('after the Temporal server is killed mid-queue and restarted, every message is sent exactly once, in order', async () => {
  hosts.start();
  const id = await pairedConnector(product, '+79990000801', 'Temporal restart');
  const texts = Array.from({ length: 10 }, (_, i) => `through a restart ${i}`);
  const ids: string[] = [];
  for (const text of texts) ids.push(await send(product, id, { to: '+79994440002', text }));

  await sentAtLeast(product, id, 3);
  await killTemporal();
  const beforeRestart = (await product.phone.sent(id)).filter((entry) => !entry.fromPhone);
  assert.ok(beforeRestart.length < texts.length, `the queue had drained (${beforeRestart.length} sent) before the server died`);
  // The server is back only once the product has seen it gone, so the outage is real on every side.
  await eventually(async () => ((await call(`${product.url}/healthz`)).status === 503 ? true : undefined), 30_000, 'the api to report Temporal unreachable');
  // A send asked for while the server is down is refused as such, and leaves nothing queued to send later.
  const refused = await product.api(`/connectors/${id}/messages`, { method: 'POST', body: { to: '+79994440002', text: 'during the outage' } });
  assert.deepEqual({ status: refused.status, error: refused.body.error }, { status: 503, error: 'temporal_unavailable' });
  assert.equal(await MessageModel.countDocuments({ connectorId: id, text: 'during the outage' }), 0);
  temporal = await startTemporal();

  const sent = await sentAtLeast(product, id, texts.length, 180_000);
  assert.deepEqual(sent.map((entry) => entry.text), texts);
  assert.equal(new Set(sent.map((entry) => entry.id)).size, texts.length);
  // Nothing reached the phone a second time, not even under the same WhatsApp id.
  assert.deepEqual(sent.map((entry) => entry.attempts), texts.map(() => 1));
  for (const messageId of ids) {
    // The simulated phone acknowledges delivery at once, so a message that was sent may already show `delivered`.
    const view = await messageWhen(product, id, messageId, ['sent', 'delivered'], 60_000);
    assert.equal(view.history.filter((entry: { status: string }) => entry.status === 'sent').length, 1, JSON.stringify(view.history));
  }
});

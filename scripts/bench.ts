import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { startDevStack } from '../infra/stack/dev-stack.js';
import { loadLauncherConfig } from '../lib/config.js';
import { connectorWorkflow } from '../workflows/connector.js';
import { connectorStatusQuery, removeSignal, renameSignal } from '../workflows/messages.js';
import { WORKFLOWS_PATH } from '../workers/workflows-path.js';
import { quietTemporalRuntime } from '../test/support/servers.js';
import { benchPacing } from './bench-pacing.js';
import { harnessLog } from './harness-log.js';

/**
 * `npm run bench`: numbers, not assertions. Runs against the same real servers the product uses (started
 * here in a scratch folder) and prints latency percentiles, pacing accuracy at 0.5 s and memory.
 */
const log = harnessLog('bench');

function summary(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1);
  return `${name.padEnd(44)} n=${String(samples.length).padStart(4)}  p50=${at(0.5).padStart(7)} ms  p95=${at(0.95).padStart(7)} ms  max=${at(1).padStart(7)} ms`;
}

async function timed(n: number, body: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await body(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

async function main(): Promise<void> {
  // The same quiet runtime the product harness installs (there can be only one per process).
  quietTemporalRuntime();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'olbridge-bench-'));
  const stack = await startDevStack({ ...loadLauncherConfig(), dataDir }, { ports: 'random', ui: false, log });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection });
  const workerConnection = await NativeConnection.connect({ address: stack.temporalAddress });
  await mongoose.connect(stack.mongoUrl, { dbName: 'bench' });
  try {
    const bundleStart = performance.now();
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
    const bundleMs = performance.now() - bundleStart;
    const worker = await Worker.create({ connection: workerConnection, taskQueue: 'bench', workflowBundle });
    const lines: string[] = [`workflow bundle build: ${bundleMs.toFixed(0)} ms`];
    await worker.runUntil(async () => {
      const starts = await timed(50, async (i) => {
        await client.workflow.start(connectorWorkflow, {
          taskQueue: 'bench',
          workflowId: `connector:bench-${i}`,
          args: [{ version: 1, status: { connectorId: `bench-${i}`, name: 'Bench', state: 'pairing' } }],
        });
      });
      lines.push(summary('ConnectorWorkflow start', starts));
      lines.push(
        summary(
          'signal rename then query it back',
          await timed(50, async (i) => {
            const handle = client.workflow.getHandle(`connector:bench-${i}`);
            await handle.signal(renameSignal, `Bench ${i}`);
            await handle.query(connectorStatusQuery);
          }),
        ),
      );
      await Promise.all(Array.from({ length: 50 }, (_, i) => client.workflow.getHandle(`connector:bench-${i}`).signal(removeSignal)));
    });
    const collection = mongoose.connection.db!.collection('bench');
    lines.push(summary('database insertOne', await timed(200, (i) => collection.insertOne({ i, at: new Date() }).then(() => {}))));
    lines.push(summary('database findOne (scan of 200 documents)', await timed(200, (i) => collection.findOne({ i }).then(() => {}))));
    // The product harness opens its own database connection.
    await mongoose.disconnect();
    lines.push(...(await benchPacing(stack)));
    lines.push(`bench process RSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    await mongoose.disconnect();
    await connection.close();
    await workerConnection.close();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

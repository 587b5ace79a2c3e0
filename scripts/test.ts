import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exec } from '../infra/tools/exec.js';
import { startDevStack } from '../infra/stack/dev-stack.js';
import { loadLauncherConfig } from '../lib/config.js';
import { harnessLog } from './harness-log.js';

/**
 * `npm test`: type check and lint, then every test file under test/ against a real Temporal dev server
 * and a real FerretDB that this script starts (on free ports, in a scratch folder) and stops again.
 * Arguments narrow the run to test files whose path contains one of them.
 */
const log = harnessLog('test');
const root = path.resolve(import.meta.dirname, '..');

async function testFiles(filters: string[]): Promise<string[]> {
  const entries = await readdir(path.join(root, 'test'), { recursive: true });
  return entries
    .filter((file) => file.endsWith('.test.ts') || file.endsWith('.test.tsx'))
    .map((file) => path.join('test', file))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
}

async function staticChecks(): Promise<void> {
  log('type check and lint');
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
  await Promise.all([exec(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: root }), exec(bin('eslint'), ['.'], { cwd: root })]);
}

function runNodeTests(files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  // A hung test (or test file) fails after fifteen minutes instead of holding CI until its limit; a
  // whole browser file on a loaded 2-core machine can take five. A file whose tests are done exits even
  // if a client library still holds a handle open (seen once after browser tests).
  const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=900000', '--test-force-exit', ...files];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = await testFiles(filters);
  if (files.length === 0) throw new Error(`no test files match ${filters.join(', ')}`);
  if (filters.length === 0) await staticChecks();

  const config = loadLauncherConfig();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'olbridge-test-'));
  log(`starting Temporal and the database in ${dataDir}`);
  const stack = await startDevStack({ ...config, dataDir }, { ports: 'random', ui: false, log });
  const stop = async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    log(`Temporal at ${stack.temporalAddress}, database at ${stack.mongoUrl}; running ${files.length} test files`);
    return await runNodeTests(files, {
      ...process.env,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: config.temporal.namespace,
      MONGO_URL: stack.mongoUrl,
      TEST_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    });
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

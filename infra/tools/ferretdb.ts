import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cachedToolPath, installAtomically, isExecutable } from './cache.js';
import { findOnPath } from './find-on-path.js';
import { buildGoCommand } from './go-build.js';
import type { ToolLookup } from './temporal-cli.js';
import { FERRETDB_GO_MODULE, FERRETDB_VERSION } from './versions.js';

/**
 * Finds FerretDB (a MongoDB-protocol server on SQLite): FERRETDB_PATH, then PATH, then the per-user cache;
 * otherwise builds it from its official Go module into the cache.
 */
export async function resolveFerretDb(lookup: ToolLookup): Promise<string> {
  if (lookup.explicitPath) {
    if (!(await isExecutable(lookup.explicitPath))) {
      throw new Error(`FERRETDB_PATH=${lookup.explicitPath} is not an executable file`);
    }
    return lookup.explicitPath;
  }
  const onPath = await findOnPath('ferretdb');
  if (onPath) return onPath;
  const cached = cachedToolPath(lookup.cacheDir, 'ferretdb', FERRETDB_VERSION);
  if (await isExecutable(cached)) return cached;
  lookup.log(`FerretDB ${FERRETDB_VERSION}: building from its Go module into ${cached} (a minute or two, once)`);
  return installAtomically(cached, buildFromGoModule);
}

/** The module ships without the version file its release build generates; without it the binary panics at start. */
function buildFromGoModule(scratch: string): Promise<string> {
  return buildGoCommand({
    module: FERRETDB_GO_MODULE,
    version: FERRETDB_VERSION,
    packageDir: './cmd/ferretdb',
    binaryName: 'ferretdb',
    scratch,
    prepare: (source) => writeFile(path.join(source, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`),
  });
}

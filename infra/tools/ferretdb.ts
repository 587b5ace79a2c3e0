import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { installAtomically } from './cache.js';
import { buildGoCommand } from './go-build.js';
import { locateTool, type ToolLookup } from './locate.js';
import { FERRETDB_GO_MODULE, FERRETDB_VERSION } from './versions.js';

/**
 * Finds FerretDB (a MongoDB-protocol server on SQLite): FERRETDB_PATH, then PATH, then the per-user cache;
 * otherwise builds it from its official Go module into the cache.
 */
export async function resolveFerretDb(lookup: ToolLookup): Promise<string> {
  const located = await locateTool('ferretdb', FERRETDB_VERSION, 'FERRETDB_PATH', lookup);
  if ('found' in located) return located.found;
  lookup.log(`FerretDB ${FERRETDB_VERSION}: building from its Go module into ${located.installTo} (a minute or two, once)`);
  return installAtomically(located.installTo, buildFromGoModule);
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

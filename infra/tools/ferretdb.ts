import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { installAtomically } from './cache.js';
import { buildGoCommand } from './go-build.js';
import { locateTool, type ToolLookup } from './locate.js';
import { FERRETDB_BUILD, FERRETDB_GO_MODULE, FERRETDB_VERSION } from './versions.js';

/**
 * Finds FerretDB (a MongoDB-protocol server on SQLite): FERRETDB_PATH, then PATH, then the per-user cache;
 * otherwise builds it from its official Go module into the cache.
 */
export async function resolveFerretDb(lookup: ToolLookup): Promise<string> {
  const located = await locateTool('ferretdb', FERRETDB_BUILD, 'FERRETDB_PATH', lookup);
  if ('found' in located) return located.found;
  lookup.log(`FerretDB ${FERRETDB_VERSION}: building from its Go module into ${located.installTo} (a minute or two, once)`);
  return installAtomically(located.installTo, buildFromGoModule);
}

function buildFromGoModule(scratch: string): Promise<string> {
  return buildGoCommand({
    module: FERRETDB_GO_MODULE,
    version: FERRETDB_VERSION,
    packageDir: './cmd/ferretdb',
    binaryName: 'ferretdb',
    scratch,
    prepare: async (source) => {
      // The module ships without the version file its release build generates; without it the binary panics at start.
      await writeFile(path.join(source, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
      await serializeUpdates(source);
    },
  });
}

const HANDLER_DIR = path.join('internal', 'handler');
const UPDATE_COMMANDS = [
  { file: 'msg_update.go', signature: 'func (h *Handler) MsgUpdate(connCtx context.Context, msg *wire.OpMsg) (*wire.OpMsg, error) {' },
  { file: 'msg_findandmodify.go', signature: 'func (h *Handler) MsgFindAndModify(connCtx context.Context, msg *wire.OpMsg) (*wire.OpMsg, error) {' },
  // A conditional delete is a query and then a delete by id: an update in between must not be lost with it.
  { file: 'msg_delete.go', signature: 'func (h *Handler) MsgDelete(connCtx context.Context, msg *wire.OpMsg) (*wire.OpMsg, error) {' },
];

/**
 * FerretDB 1.24 runs `update` and `findAndModify` as a query followed by a write of the whole document,
 * outside any transaction: two processes updating different fields of one document lose one update
 * (test/integration/database-updates.test.ts saw it in every round). Our build runs those commands, and
 * `delete` (also a query, then a write), one at a time. SQLite serializes writes anyway, so little is
 * lost; MongoDB needs nothing of the kind.
 */
async function serializeUpdates(source: string): Promise<void> {
  await writeFile(
    path.join(source, HANDLER_DIR, 'openline_bridge_update_lock.go'),
    'package handler\n\nimport "sync"\n\n// updateLock serializes read-modify-write commands (added by Openline Bridge\'s build).\nvar updateLock sync.Mutex\n',
  );
  for (const { file, signature } of UPDATE_COMMANDS) {
    const target = path.join(source, HANDLER_DIR, file);
    const code = await readFile(target, 'utf8');
    if (!code.includes(signature)) throw new Error(`FerretDB ${FERRETDB_VERSION}: ${file} no longer declares \`${signature}\`; the update lock cannot be applied`);
    await writeFile(target, code.replace(signature, `${signature}\n\tupdateLock.Lock()\n\tdefer updateLock.Unlock()\n`));
  }
}

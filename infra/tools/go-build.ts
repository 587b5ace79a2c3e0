import { cp } from 'node:fs/promises';
import path from 'node:path';
import { exec } from './exec.js';

/**
 * Builds a command from a Go module's source, as the module's own checkout would. `go install
 * module/cmd@version` refuses modules whose go.mod has replace directives (the temporal CLI) and cannot
 * add generated files a build needs (FerretDB's version file), so we build in a writable copy instead.
 */
export async function buildGoCommand(options: {
  module: string;
  version: string;
  packageDir: string;
  binaryName: string;
  scratch: string;
  prepare?: (sourceDir: string) => Promise<void>;
}): Promise<string> {
  const info = JSON.parse(await exec('go', ['mod', 'download', '-json', `${options.module}@${options.version}`])) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${options.module}@${options.version}: ${info.Error ?? 'no module directory'}`);
  const source = path.join(options.scratch, 'src');
  await cp(info.Dir, source, { recursive: true });
  await exec('chmod', ['-R', 'u+w', source]);
  await options.prepare?.(source);
  const binary = path.join(options.scratch, options.binaryName);
  await exec('go', ['build', '-o', binary, options.packageDir], { cwd: source, env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' } });
  return binary;
}

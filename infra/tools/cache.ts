import { access, chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The per-user tool cache lives outside the checkout, so a fresh clone on the same machine reuses the
 * binaries instead of installing or rebuilding them.
 */
export function defaultToolsCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'openline-bridge', 'tools');
}

export function cachedToolPath(cacheDir: string, tool: string, version: string): string {
  return path.join(cacheDir, tool, version, tool);
}

export async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds a tool in a scratch folder next to its final place and moves it in with one rename, so a
 * crash or a concurrent install never leaves a half-written binary in the cache.
 */
export async function installAtomically(target: string, build: (scratchDir: string) => Promise<string>): Promise<string> {
  await mkdir(path.dirname(target), { recursive: true });
  const scratch = await mkdtemp(`${target}.tmp-`);
  try {
    const built = await build(scratch);
    await chmod(built, 0o755);
    await rename(built, target);
    return target;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

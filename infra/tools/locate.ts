import { cachedToolPath, isExecutable } from './cache.js';
import { findOnPath } from './find-on-path.js';

export interface ToolLookup {
  /** An explicit binary (TEMPORAL_CLI_PATH, FERRETDB_PATH); used as is, never replaced. */
  explicitPath?: string;
  cacheDir: string;
  log: (line: string) => void;
}

export type Located = { found: string } | { installTo: string };

/**
 * The lookup order every tool shares: the explicit variable, then PATH, then the per-user cache. When
 * none has it, says where in the cache to install it.
 */
export async function locateTool(tool: string, version: string, variable: string, lookup: ToolLookup): Promise<Located> {
  if (lookup.explicitPath) {
    if (!(await isExecutable(lookup.explicitPath))) throw new Error(`${variable}=${lookup.explicitPath} is not an executable file`);
    return { found: lookup.explicitPath };
  }
  const onPath = await findOnPath(tool);
  if (onPath) return { found: onPath };
  const cached = cachedToolPath(lookup.cacheDir, tool, version);
  return (await isExecutable(cached)) ? { found: cached } : { installTo: cached };
}

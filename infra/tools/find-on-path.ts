import path from 'node:path';
import { isExecutable } from './cache.js';

/** The absolute path of an executable on PATH, or undefined. */
export async function findOnPath(name: string, envPath = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

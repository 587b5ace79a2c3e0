import { fileURLToPath } from 'node:url';

/** The entry file the Temporal bundler packs into the workflow sandbox. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

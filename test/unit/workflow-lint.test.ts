import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// The probe is not a file on disk, so the type-aware rules (which need the TypeScript project) are off;
// the import ban is a syntactic rule and runs as in `npm run lint`.
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function lintAsWorkflow(code: string) {
  const [result] = await eslint.lintText(code, { filePath: 'workflows/lint-probe.ts' });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

test('lint refuses a Node built-in inside workflows/', async () => {
  assert.equal((await lintAsWorkflow("import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n")).length, 1);
});

test('lint refuses an I/O library inside workflows/', async () => {
  assert.equal((await lintAsWorkflow("import mongoose from 'mongoose';\nexport const m = mongoose;\n")).length, 1);
});

test('lint refuses a value import of activities inside workflows/', async () => {
  assert.equal((await lintAsWorkflow("import { createOrchestratorActivities } from '../activities/index.js';\nexport const a = createOrchestratorActivities;\n")).length, 1);
});

test('lint lets workflows import activity types', async () => {
  assert.deepEqual(await lintAsWorkflow("import type { OrchestratorActivities } from '../activities/index.js';\nexport type A = OrchestratorActivities;\n"), []);
});

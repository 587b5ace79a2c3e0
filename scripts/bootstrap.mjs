// The entry of `npm start`, `npm test` and `npm run bench` on a fresh clone: it runs before any
// dependency exists, so it uses Node built-ins only. It installs the locked dependencies when they are
// missing or stale, then hands over to the TypeScript script of the same name.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...args] = process.argv.slice(2);
const scripts = { start: 'start.ts', test: 'test.ts', bench: 'bench.ts' };
if (!(command in scripts)) {
  console.error(`usage: node scripts/bootstrap.mjs ${Object.keys(scripts).join('|')} [args]`);
  process.exit(2);
}

const lockHash = createHash('sha256').update(readFileSync(path.join(root, 'package-lock.json'))).digest('hex');
const stamp = path.join(root, 'node_modules', '.openline-bridge-install');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  console.error('[bootstrap] installing the locked dependencies (npm ci)…');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
  writeFileSync(stamp, lockHash);
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', scripts[command]), ...args], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl-C reaches the whole foreground process group by itself; a TERM sent to us alone is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 2 : 1)));

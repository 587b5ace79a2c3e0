import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SandboxSecrets {
  adminApiToken: string;
  encryptionKey: string;
}

/**
 * In the sandbox a missing admin token or encryption key is generated once and kept in DATA_DIR, so the
 * data written with it stays readable across restarts. Values given in the environment always win.
 */
export async function ensureSandboxSecrets(dataDir: string, given: Partial<SandboxSecrets>): Promise<SandboxSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  const stored = await readFile(file, 'utf8').then((text) => JSON.parse(text) as Partial<SandboxSecrets>, () => ({}) as Partial<SandboxSecrets>);
  const kept: SandboxSecrets = {
    adminApiToken: stored.adminApiToken ?? randomBytes(24).toString('base64url'),
    encryptionKey: stored.encryptionKey ?? randomBytes(32).toString('base64'),
  };
  if (!stored.adminApiToken || !stored.encryptionKey) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
  }
  return { adminApiToken: given.adminApiToken ?? kept.adminApiToken, encryptionKey: given.encryptionKey ?? kept.encryptionKey };
}

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { exec } from '../infra/tools/exec.js';
import { ensureSandboxSecrets } from '../infra/sandbox-secrets.js';
import { startDevStack } from '../infra/stack/dev-stack.js';
import { preferredPort } from '../infra/stack/ports.js';
import { superviseNodeProcess, type SupervisedProcess } from '../infra/stack/supervisor.js';
import { loadLauncherConfig } from '../lib/config.js';
import { DEFAULT_CLIENT_ID as EMULATOR_CLIENT_ID, DEFAULT_CLIENT_SECRET as EMULATOR_CLIENT_SECRET } from '../sandbox/bitrix24-emulator/portal.js';
import { harnessLog } from './harness-log.js';

/**
 * `npm start`: the whole product on this machine. Starts the Temporal dev server and the database
 * (unless TEMPORAL_ADDRESS / MONGO_URL point elsewhere), the Bitrix24 portal emulator in the sandbox,
 * and the api, worker and session host as separate processes; prints every URL; Ctrl-C stops it all.
 */
const log = harnessLog('start');
const root = path.resolve(import.meta.dirname, '..');

if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

async function buildWebIfMissing(): Promise<void> {
  if (existsSync(path.join(root, 'web', 'dist', 'index.html'))) return;
  log('building the settings app (once)…');
  await exec(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'web/vite.config.ts'], { cwd: root });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((res) => res.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000}s; see the logs in DATA_DIR/logs`);
}

async function main(): Promise<void> {
  const config = loadLauncherConfig();
  const logDir = path.join(config.dataDir, 'logs');
  await mkdir(logDir, { recursive: true });
  const secrets = await ensureSandboxSecrets(config.dataDir, { adminApiToken: config.adminApiToken, encryptionKey: config.encryptionKey });
  const stack = await startDevStack(config, { ports: 'preferred', ui: true, log });
  const children: SupervisedProcess[] = [];
  const shutdown = async (signal: string) => {
    log(`${signal}: stopping…`);
    await Promise.all(children.map((child) => child.stop()));
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await buildWebIfMissing();
  const emulatorPort = config.bitrix24.mode === 'emulator' ? await preferredPort(config.bitrix24.emulatorPort) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: config.dataDir,
    PORT: String(config.port),
    PUBLIC_URL: config.publicUrl,
    MONGO_URL: stack.mongoUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: config.temporal.namespace,
    ADMIN_API_TOKEN: secrets.adminApiToken,
    ENCRYPTION_KEY: secrets.encryptionKey,
    // The emulator plays the customer's portal: the product gets the app credentials it knows, and it
    // installs the app by itself once the api answers.
    ...(emulatorPort
      ? {
          BITRIX24_EMULATOR_PORT: String(emulatorPort),
          BITRIX24_EMULATOR_URL: `http://127.0.0.1:${emulatorPort}`,
          BITRIX24_CLIENT_ID: config.bitrix24.clientId ?? EMULATOR_CLIENT_ID,
          BITRIX24_CLIENT_SECRET: config.bitrix24.clientSecret ?? EMULATOR_CLIENT_SECRET,
          BITRIX24_EMULATOR_AUTO_INSTALL: 'event',
        }
      : {}),
  };
  const processes = [
    ...(emulatorPort ? [['bitrix24-emulator', 'sandbox/bitrix24-emulator/server.ts']] : []),
    ['api', 'api/server.ts'],
    ['worker', 'workers/orchestrator.ts'],
    ['session-host', 'workers/session-host.ts'],
  ];
  for (const [name, entry] of processes as Array<[string, string]>) {
    children.push(
      superviseNodeProcess({
        name,
        entry: path.join(root, entry),
        env,
        cwd: root,
        logFile: path.join(logDir, `${name}.log`),
        onExit: (who, code, delay) => log(`${who} exited (${code}); restarting in ${delay} ms — see ${path.join(logDir, `${who}.log`)}`),
      }),
    );
  }
  await waitForHealth(`http://127.0.0.1:${config.port}/healthz`, 120_000);
  printBanner({
    app: `${config.publicUrl}/app/`,
    api: `${config.publicUrl}/api/v1`,
    health: `${config.publicUrl}/healthz`,
    metrics: `${config.publicUrl}/metrics`,
    temporalUi: stack.temporalUiUrl,
    emulator: emulatorPort ? `http://localhost:${emulatorPort}/` : undefined,
    adminApiToken: secrets.adminApiToken,
    logDir,
    whatsapp: config.whatsappTransport === 'simulator' ? `${config.publicUrl}/sandbox/whatsapp/` : undefined,
  });
}

function printBanner(urls: Record<string, string | undefined>): void {
  const rows: Array<[string, string | undefined]> = [
    ['Settings app', urls.app],
    ['Management API', urls.api],
    ['Health', urls.health],
    ['Metrics', urls.metrics],
    ['Temporal UI', urls.temporalUi ?? '(external Temporal server)'],
    ['Bitrix24 emulator', urls.emulator ?? '(BITRIX24_MODE=portal)'],
    ['WhatsApp simulator', urls.whatsapp ?? '(WHATSAPP_TRANSPORT=baileys: real WhatsApp)'],
    ['Admin API token', urls.adminApiToken],
    ['Logs', urls.logDir],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(`\nOpenline Bridge is running (Ctrl-C stops everything)\n\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

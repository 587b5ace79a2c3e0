import path from 'node:path';
import { z } from 'zod';
import { createLogger } from '../../lib/logger.js';
import { createBitrix24Emulator } from './app.js';
import { readState, stateWriter } from './persistence.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './portal.js';

/** Entry of the emulator process that `npm start` runs in the sandbox. */
const env = z
  .object({
    BITRIX24_EMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
    BITRIX24_EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
    /** How the product and browsers reach the emulator (client_endpoint, file links). */
    BITRIX24_EMULATOR_URL: z.url().optional(),
    /** The product's public URL: install, events, placement, robot and SMS handlers live there. */
    PUBLIC_URL: z.url().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    BITRIX24_CLIENT_ID: z.string().min(1).default(DEFAULT_CLIENT_ID),
    BITRIX24_CLIENT_SECRET: z.string().min(1).default(DEFAULT_CLIENT_SECRET),
    /** Where the portal's state is kept across restarts (`<DATA_DIR>/bitrix24-emulator.json`). */
    DATA_DIR: z.string().min(1).optional(),
    /** Install the app once the product answers /healthz: `event` (ONAPPINSTALL), `page`, or `off`. */
    BITRIX24_EMULATOR_AUTO_INSTALL: z.enum(['event', 'page', 'both', 'off']).default('event'),
    BITRIX24_EMULATOR_TOKEN_TTL: z.coerce.number().int().positive().optional(),
    LOG_LEVEL: z.string().default('info'),
  })
  .parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));

const logger = createLogger('bitrix24-emulator', env.LOG_LEVEL);
const productUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
const stateFile = env.DATA_DIR ? path.resolve(env.DATA_DIR, 'bitrix24-emulator.json') : undefined;
const writer = stateFile ? stateWriter(stateFile) : undefined;

const emulator = createBitrix24Emulator({
  baseUrl: env.BITRIX24_EMULATOR_URL ?? `http://127.0.0.1:${env.BITRIX24_EMULATOR_PORT}`,
  productUrl,
  clientId: env.BITRIX24_CLIENT_ID,
  clientSecret: env.BITRIX24_CLIENT_SECRET,
  state: stateFile ? readState(stateFile) : undefined,
  config: env.BITRIX24_EMULATOR_TOKEN_TTL ? { tokenTtlSeconds: env.BITRIX24_EMULATOR_TOKEN_TTL } : undefined,
  logger,
  onChange: (state) => writer?.schedule(state),
});

/** Installs when the app is not installed yet, or its last install event was not answered with 2xx. */
async function autoInstall(mode: 'event' | 'page' | 'both'): Promise<void> {
  const lastInstall = [...emulator.state.eventLog].reverse().find((e) => e.event === 'ONAPPINSTALL' || e.event === 'INSTALL_PAGE');
  const answered = lastInstall?.answer?.status !== undefined && lastInstall.answer.status < 300;
  if (emulator.state.app.installed && answered) return;
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const healthy = await fetch(`${productUrl}/healthz`).then((r) => r.ok, () => false);
    if (healthy) {
      const result = await emulator.control.install({ mode });
      const answer = result.deliveries[result.deliveries.length - 1]?.answer;
      logger.info({ memberId: result.memberId, status: answer?.status, error: answer?.error }, 'app installed into the emulated portal');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  logger.warn({ productUrl }, 'the product never answered /healthz; install it from the emulator page');
}

await emulator.listen(env.BITRIX24_EMULATOR_PORT, env.BITRIX24_EMULATOR_HOST);
logger.info({ port: env.BITRIX24_EMULATOR_PORT, url: emulator.url, productUrl, stateFile }, 'Bitrix24 portal emulator listening');
if (env.BITRIX24_EMULATOR_AUTO_INSTALL !== 'off') {
  autoInstall(env.BITRIX24_EMULATOR_AUTO_INSTALL).catch((err: unknown) => logger.error({ err }, 'auto-install failed'));
}

const stop = () => {
  writer?.flush();
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

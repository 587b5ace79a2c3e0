import { z } from 'zod';
import { createLogger } from '../../lib/logger.js';
import { createEmulatorApp } from './app.js';

/** Entry of the emulator process that `npm start` runs in the sandbox. */
const env = z
  .object({ BITRIX24_EMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(3100), LOG_LEVEL: z.string().default('info') })
  .parse(process.env);
const logger = createLogger('bitrix24-emulator', env.LOG_LEVEL);
const server = createEmulatorApp({ domain: `localhost:${env.BITRIX24_EMULATOR_PORT}` }).listen(env.BITRIX24_EMULATOR_PORT, '127.0.0.1', () =>
  logger.info({ port: env.BITRIX24_EMULATOR_PORT }, 'Bitrix24 portal emulator listening'),
);
const stop = () => {
  server.close();
  server.closeAllConnections();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

import path from 'node:path';
import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { parseDuration } from './duration.js';

/**
 * The one place that reads the environment. Every variable is documented in `.env.example` and the
 * README; a bad value stops start-up with a message naming the variable.
 */

const port = z.coerce.number().int().min(1).max(65535);
const optionalText = z.string().min(1).optional();

const encryptionKey = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, {
  message: 'must be 32 bytes encoded as base64 (generate one with `openssl rand -base64 32`)',
});

const duration = z.string().transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be a duration such as 90s, 30m, 24h or 2d' });
    return z.NEVER;
  }
  return ms;
});

const launcherSchema = z.object({
  PORT: port.default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URL').optional(),
  TEMPORAL_ADDRESS: z.string().regex(/^[^:/\s]+:\d+$/, 'must be host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_UI_PORT: port.default(8233),
  TASK_QUEUE_PREFIX: z.string().regex(/^[\w.:-]*$/, 'may hold letters, digits, _ . : - only').default(''),
  WHATSAPP_TRANSPORT: z.enum(['baileys', 'simulator']).default('simulator'),
  WHATSAPP_SIMULATOR_URL: z.string().regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL').optional(),
  BITRIX24_MODE: z.enum(['portal', 'emulator']).default('emulator'),
  BITRIX24_EMULATOR_PORT: port.default(3100),
  BITRIX24_CLIENT_ID: optionalText,
  BITRIX24_CLIENT_SECRET: optionalText,
  BITRIX24_OAUTH_URL: z.url().optional(),
  ADMIN_API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ENCRYPTION_KEY: encryptionKey.optional(),
  DEFAULT_PHONE_REGION: z
    .string()
    .refine((region) => isSupportedCountry(region), { message: 'must be a two-letter region code such as RU or DE' })
    .default('RU'),
  SEND_TTL: duration.default(24 * 3_600_000),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  TEMPORAL_CLI_PATH: optionalText,
  FERRETDB_PATH: optionalText,
  TOOLS_CACHE_DIR: optionalText,
});

/** What every product process (api, worker, session host) needs; the launcher provides it in the sandbox. */
const processSchema = launcherSchema
  .extend({
    MONGO_URL: launcherSchema.shape.MONGO_URL.unwrap(),
    TEMPORAL_ADDRESS: launcherSchema.shape.TEMPORAL_ADDRESS.unwrap(),
    ADMIN_API_TOKEN: z.string().min(16, 'must be at least 16 characters'),
    ENCRYPTION_KEY: encryptionKey,
  })
  .superRefine((env, ctx) => {
    if (env.BITRIX24_MODE !== 'portal') return;
    for (const name of ['BITRIX24_CLIENT_ID', 'BITRIX24_CLIENT_SECRET'] as const) {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when BITRIX24_MODE=portal' });
    }
    if (!env.PUBLIC_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required when BITRIX24_MODE=portal' });
  });

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  // An empty value (`FOO=` in a .env file) means "not set", as it does for most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`));
  }
  return result.data;
}

function shape(env: z.output<typeof launcherSchema>) {
  return {
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    dataDir: path.resolve(env.DATA_DIR),
    temporal: { namespace: env.TEMPORAL_NAMESPACE, uiPort: env.TEMPORAL_UI_PORT, taskQueuePrefix: env.TASK_QUEUE_PREFIX },
    whatsappTransport: env.WHATSAPP_TRANSPORT,
    /** Where the session host's simulator transport finds the simulator (served by the api). */
    whatsappSimulatorUrl: env.WHATSAPP_SIMULATOR_URL ?? `ws://127.0.0.1:${env.PORT}/sandbox/whatsapp/socket`,
    bitrix24: {
      mode: env.BITRIX24_MODE,
      emulatorPort: env.BITRIX24_EMULATOR_PORT,
      clientId: env.BITRIX24_CLIENT_ID,
      clientSecret: env.BITRIX24_CLIENT_SECRET,
      oauthUrl: env.BITRIX24_OAUTH_URL,
    },
    defaultPhoneRegion: env.DEFAULT_PHONE_REGION,
    sendTtlMs: env.SEND_TTL,
    logLevel: env.LOG_LEVEL,
    tools: { temporalCliPath: env.TEMPORAL_CLI_PATH, ferretDbPath: env.FERRETDB_PATH, cacheDir: env.TOOLS_CACHE_DIR },
  };
}

export type LauncherConfig = ReturnType<typeof loadLauncherConfig>;
export type Config = ReturnType<typeof loadConfig>;

/** Configuration of `npm start` / the test harness: servers left unset are started by the project. */
export function loadLauncherConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parse(launcherSchema, env);
  return {
    ...shape(parsed),
    mongoUrl: parsed.MONGO_URL,
    temporalAddress: parsed.TEMPORAL_ADDRESS,
    adminApiToken: parsed.ADMIN_API_TOKEN,
    encryptionKey: parsed.ENCRYPTION_KEY,
  };
}

/** Configuration of a product process (api, worker, session host). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parse(processSchema, env);
  return {
    ...shape(parsed),
    mongoUrl: parsed.MONGO_URL,
    temporal: { ...shape(parsed).temporal, address: parsed.TEMPORAL_ADDRESS },
    adminApiToken: parsed.ADMIN_API_TOKEN,
    encryptionKey: Buffer.from(parsed.ENCRYPTION_KEY, 'base64'),
  };
}

/** Every variable the config module knows, for docs and the docker-compose check. */
export const CONFIG_VARIABLES = Object.keys(launcherSchema.shape);

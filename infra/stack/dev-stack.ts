import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { LauncherConfig } from '../../lib/config.js';
import { defaultToolsCacheDir } from '../tools/cache.js';
import { resolveFerretDb } from '../tools/ferretdb.js';
import { resolveTemporalCli } from '../tools/temporal-cli.js';
import { startFerretDb } from './ferretdb-server.js';
import { preferredPort, freePort } from './ports.js';
import { startTemporalDevServer } from './temporal-dev-server.js';
import type { ManagedProcess } from './child-process.js';

export interface DevStack {
  temporalAddress: string;
  temporalUiUrl?: string;
  mongoUrl: string;
  /** Servers this stack started itself (empty when both were given from outside). */
  processes: ManagedProcess[];
  stop(): Promise<void>;
}

/**
 * The real Temporal server and MongoDB-protocol database, each started here unless the configuration
 * points at one already (TEMPORAL_ADDRESS, MONGO_URL). `ports: 'random'` keeps parallel test runs apart.
 */
export async function startDevStack(
  config: Pick<LauncherConfig, 'dataDir' | 'temporalAddress' | 'mongoUrl' | 'temporal' | 'tools'>,
  options: { ports: 'preferred' | 'random'; ui: boolean; log: (line: string) => void },
): Promise<DevStack> {
  const logDir = path.join(config.dataDir, 'logs');
  await mkdir(logDir, { recursive: true });
  const cacheDir = config.tools.cacheDir ?? defaultToolsCacheDir();
  const pick = (preferred: number) => (options.ports === 'preferred' ? preferredPort(preferred) : freePort());
  const processes: ManagedProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
  };

  try {
    const [temporalCli, ferretDb] = await Promise.all([
      config.temporalAddress ? undefined : resolveTemporalCli({ explicitPath: config.tools.temporalCliPath, cacheDir, log: options.log }),
      config.mongoUrl ? undefined : resolveFerretDb({ explicitPath: config.tools.ferretDbPath, cacheDir, log: options.log }),
    ]);
    const [temporal, database] = await Promise.all([
      temporalCli
        ? startTemporalDevServer({
            cliPath: temporalCli,
            dataDir: config.dataDir,
            port: await pick(7233),
            uiPort: options.ui ? await pick(config.temporal.uiPort) : undefined,
            namespace: config.temporal.namespace,
            logFile: path.join(logDir, 'temporal.log'),
          }).then((server) => (processes.push(server.process), server))
        : undefined,
      ferretDb
        ? startFerretDb({ binPath: ferretDb, dataDir: config.dataDir, port: await pick(27017), logFile: path.join(logDir, 'ferretdb.log') }).then(
            (server) => (processes.push(server.process), server),
          )
        : undefined,
    ]);
    return {
      temporalAddress: temporal?.address ?? config.temporalAddress!,
      temporalUiUrl: temporal?.uiUrl,
      mongoUrl: database?.url ?? config.mongoUrl!,
      processes,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

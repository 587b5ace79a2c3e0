import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ADMIN_TOKEN, ENCRYPTION_KEY, type Product } from './product.js';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The real session-host entry as its own process, wired to a test product (its database, queues and
 * simulator), so a test can kill it without warning. Kill the returned processes when done.
 */
export function sessionHostProcesses(product: () => Product) {
  const started: ChildProcess[] = [];
  return {
    start(): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', 'workers/session-host.ts'], {
        cwd: root,
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: product().temporalAddress,
          MONGO_URL: product().databaseUrl,
          ADMIN_API_TOKEN: ADMIN_TOKEN,
          ENCRYPTION_KEY: ENCRYPTION_KEY.toString('base64'),
          WHATSAPP_TRANSPORT: 'simulator',
          WHATSAPP_SIMULATOR_URL: product().simulatorUrl,
          TASK_QUEUE_PREFIX: product().queuePrefix,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      started.push(child);
      return child;
    },
    killAll(): void {
      for (const child of started) child.kill('SIGKILL');
    },
  };
}

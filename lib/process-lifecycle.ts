import type { Logger } from '../lib/logger.js';

/**
 * Runs a process's main loop and turns SIGINT/SIGTERM into a graceful `shutdown`; an error at start-up
 * or while running is logged and exits non-zero, so a supervisor (npm start, docker) can restart it.
 */
export function runProcess(logger: Logger, main: () => Promise<{ run: Promise<unknown>; shutdown: () => Promise<void> | void }>): void {
  main()
    .then(async ({ run, shutdown }) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        void Promise.resolve(shutdown()).catch((err: unknown) => logger.error({ err }, 'shutdown failed'));
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      await run;
      logger.info('stopped');
      process.exit(0);
    })
    .catch((err: unknown) => {
      logger.fatal({ err }, 'process failed');
      process.exit(1);
    });
}

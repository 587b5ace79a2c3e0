import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from './logger.js';

/** Routes the Temporal SDK's own log lines into the process's structured pino log. */
export function installTemporalRuntime(logger: Logger): void {
  const sdk = logger.child({ component: 'temporal-sdk' });
  const level: LogLevel = ['trace', 'debug'].includes(logger.level) ? 'DEBUG' : 'WARN';
  Runtime.install({
    logger: new DefaultLogger(level, ({ level: entryLevel, message, meta }) => {
      const method = entryLevel === 'TRACE' ? 'trace' : entryLevel === 'DEBUG' ? 'debug' : entryLevel === 'INFO' ? 'info' : entryLevel === 'WARN' ? 'warn' : 'error';
      sdk[method](meta ?? {}, message);
    }),
  });
}

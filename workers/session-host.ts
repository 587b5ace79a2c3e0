import { hostname } from 'node:os';
import { Worker } from '@temporalio/worker';
import { createHostActivities } from '../activities/session/host.js';
import { loadConfig } from '../lib/config.js';
import { connectDatabase, disconnectDatabase } from '../lib/database.js';
import { newId } from '../lib/ids.js';
import { createLogger } from '../lib/logger.js';
import { connectWorkerConnection } from '../lib/temporal.js';
import { installTemporalRuntime } from '../lib/temporal-runtime.js';
import { TASK_QUEUES, hostTaskQueue } from '../workflows/constants.js';
import { runProcess } from '../lib/process-lifecycle.js';

/**
 * The session host: holds WhatsApp sockets. Two workers share one connection: the shared sessions queue
 * (Temporal places each connector's long-running session activity on some host) and this host's own
 * queue, for the activities that must run next to the socket it holds.
 */
const config = loadConfig();
const hostId = `${hostname()}-${process.pid}-${newId(6)}`;
const logger = createLogger('session-host', config.logLevel).child({ hostId });

runProcess(logger, async () => {
  installTemporalRuntime(logger);
  await connectDatabase(config.mongoUrl);
  const connection = await connectWorkerConnection(config.temporal);
  const activities = createHostActivities(hostId);
  const workers = await Promise.all(
    [TASK_QUEUES.sessions, hostTaskQueue(hostId)].map((taskQueue) =>
      Worker.create({ connection, namespace: config.temporal.namespace, taskQueue, activities }),
    ),
  );
  logger.info({ transport: config.whatsappTransport }, 'session host running');
  const run = Promise.all(workers.map((worker) => worker.run())).finally(async () => {
    await connection.close();
    await disconnectDatabase();
  });
  return { run, shutdown: () => workers.forEach((worker) => worker.shutdown()) };
});

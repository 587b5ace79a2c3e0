import { Worker } from '@temporalio/worker';
import { createOrchestratorActivities } from '../activities/index.js';
import { createMongoAuthStore } from '../integrations/whatsapp/baileys/mongo-auth-store.js';
import { loadConfig } from '../lib/config.js';
import { connectDatabase, disconnectDatabase } from '../lib/database.js';
import { createLogger } from '../lib/logger.js';
import { connectWorkerConnection } from '../lib/temporal.js';
import { installTemporalRuntime } from '../lib/temporal-runtime.js';
import { taskQueues } from '../workflows/constants.js';
import { runProcess } from '../lib/process-lifecycle.js';
import { WORKFLOWS_PATH } from './workflows-path.js';

/** The worker process: every workflow, and the activities that talk to MongoDB and Bitrix24. */
const config = loadConfig();
const logger = createLogger('worker', config.logLevel);

runProcess(logger, async () => {
  installTemporalRuntime(logger);
  await connectDatabase(config.mongoUrl);
  const connection = await connectWorkerConnection(config.temporal);
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: taskQueues(config.temporal.taskQueuePrefix).orchestrator,
    workflowsPath: WORKFLOWS_PATH,
    // Running activities get a grace period, then cancellation; one that ignores it cannot hold a
    // deployment's stop for ever.
    shutdownGraceTime: '10s',
    shutdownForceTime: '30s',
    activities: createOrchestratorActivities({
      authStore: (connectorId) => createMongoAuthStore(connectorId, config.encryptionKey),
      sendTtlMs: config.sendTtlMs,
      bitrix24: {
        encryptionKey: config.encryptionKey,
        publicUrl: config.publicUrl,
        oauth: { clientId: config.bitrix24.clientId, clientSecret: config.bitrix24.clientSecret, tokenUrl: config.bitrix24.oauthUrl },
        logger,
        defaultPhoneRegion: config.defaultPhoneRegion,
      },
    }),
  });
  logger.info('worker running');
  const run = worker.run().finally(async () => {
    await connection.close();
    await disconnectDatabase();
  });
  return { run, shutdown: () => worker.shutdown() };
});

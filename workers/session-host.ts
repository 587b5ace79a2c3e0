import { hostname } from 'node:os';
import { Worker } from '@temporalio/worker';
import { outboundTraffic } from '../activities/outbound/receipts.js';
import { followUpPoker, startFollowUp } from '../activities/outgoing/follow-up-client.js';
import { phoneMessages } from '../activities/outgoing/from-phone.js';
import { inboundRecorder } from '../activities/inbound/record.js';
import { chatSignaller } from '../activities/inbound/signal-chat.js';
import { createHostActivities } from '../activities/session/host.js';
import { trafficDispatcher } from '../activities/session/traffic.js';
import { createMongoAuthStore } from '../integrations/whatsapp/baileys/mongo-auth-store.js';
import { selectTransport } from '../integrations/whatsapp/select-transport.js';
import { loadConfig } from '../lib/config.js';
import { connectDatabase, disconnectDatabase } from '../lib/database.js';
import { newId } from '../lib/ids.js';
import { createLogger } from '../lib/logger.js';
import { connectTemporalClient, connectWorkerConnection } from '../lib/temporal.js';
import { installTemporalRuntime } from '../lib/temporal-runtime.js';
import { runProcess } from '../lib/process-lifecycle.js';
import { hostTaskQueue, taskQueues, workflowIds } from '../workflows/constants.js';
import { sessionReportSignal } from '../workflows/messages.js';

/**
 * The session host: holds WhatsApp sockets. Two workers share one connection: the shared sessions queue
 * (Temporal places each connector's long-running session activity on some host) and this host's own
 * queue, for the activities that must run next to the sockets it holds.
 */
const config = loadConfig();
const hostId = `${hostname()}-${process.pid}-${newId(6)}`;
const logger = createLogger('session-host', config.logLevel).child({ hostId });

runProcess(logger, async () => {
  installTemporalRuntime(logger);
  await connectDatabase(config.mongoUrl);
  const [connection, client] = await Promise.all([connectWorkerConnection(config.temporal), connectTemporalClient(config.temporal)]);
  const activities = createHostActivities({
    hostId,
    transportFactory: selectTransport(config),
    authStore: (connectorId) => createMongoAuthStore(connectorId, config.encryptionKey),
    report: async (connectorId, report) => {
      await client.workflow.getHandle(workflowIds.connector(connectorId)).signal(sessionReportSignal, report);
    },
    onTraffic: trafficDispatcher([
      outboundTraffic(logger, followUpPoker(client)),
      phoneMessages({ logger, startFollowUp: (connectorId, messageId) => startFollowUp(client, taskQueues(config.temporal.taskQueuePrefix).orchestrator, connectorId, messageId) }),
      inboundRecorder({ logger, signalChat: chatSignaller(client, taskQueues(config.temporal.taskQueuePrefix).orchestrator) }),
    ]),
    logger,
  });
  const workers = await Promise.all(
    [taskQueues(config.temporal.taskQueuePrefix).sessions, hostTaskQueue(hostId)].map((taskQueue) =>
      // Cancellation reaches an activity with its next heartbeat; a short throttle makes a stop prompt.
      Worker.create({
        connection,
        namespace: config.temporal.namespace,
        taskQueue,
        activities,
        maxHeartbeatThrottleInterval: '2s',
        // Sessions are cancelled at once (sockets close); nothing may hold the process's stop for ever.
        shutdownForceTime: '30s',
      }),
    ),
  );
  logger.info({ transport: config.whatsappTransport }, 'session host running');
  const run = Promise.all(workers.map((worker) => worker.run())).finally(async () => {
    await client.connection.close();
    await connection.close();
    await disconnectDatabase();
  });
  return { run, shutdown: () => workers.forEach((worker) => worker.shutdown()) };
});

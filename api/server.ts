import type { Server } from 'node:http';
import { loadConfig } from '../lib/config.js';
import { connectDatabase, databaseReachable, disconnectDatabase } from '../lib/database.js';
import { createLogger } from '../lib/logger.js';
import { connectTemporalClient, temporalReachable } from '../lib/temporal.js';
import { runProcess } from '../lib/process-lifecycle.js';
import { createWhatsAppSimulator } from '../sandbox/whatsapp-simulator/server.js';
import { clientFactory } from '../activities/bitrix24/deps.js';
import { createApp } from './app.js';
import { connectorRegistrationsHook, ensureAttentionDelivery, lineBindingHook } from './bitrix24/background.js';
import { createConnectorService } from './connectors/service.js';
import { emulatorFrameAncestors } from './middleware/frame-ancestors.js';
import { createMessageService } from './messages/service.js';
import { taskQueues } from '../workflows/constants.js';

/** The api process: management API, Bitrix24 handlers, the settings app, health and metrics. */
const config = loadConfig();
const logger = createLogger('api', config.logLevel);

runProcess(logger, async () => {
  await connectDatabase(config.mongoUrl);
  const temporal = await connectTemporalClient(config.temporal);
  const whatsAppSimulator =
    config.whatsappTransport === 'simulator' ? createWhatsAppSimulator({ logger, defaultRegion: config.defaultPhoneRegion }) : undefined;
  const queues = taskQueues(config.temporal.taskQueuePrefix);
  const connectors = createConnectorService(temporal, queues, { lineChanged: lineBindingHook(temporal, queues.orchestrator), connectorsChanged: connectorRegistrationsHook(temporal, queues.orchestrator) });
  const oauth = { clientId: config.bitrix24.clientId, clientSecret: config.bitrix24.clientSecret, tokenUrl: config.bitrix24.oauthUrl };
  const clientFor = clientFactory({ encryptionKey: config.encryptionKey, publicUrl: config.publicUrl, oauth, logger });
  const app = createApp({
    adminApiToken: config.adminApiToken,
    logger,
    health: { temporal: () => temporalReachable(temporal), database: databaseReachable },
    connectors,
    defaultPhoneRegion: config.defaultPhoneRegion,
    messages: createMessageService({ temporal, orchestratorQueue: queues.orchestrator, connectors, defaultPhoneRegion: config.defaultPhoneRegion }),
    bitrix24: { temporal, orchestratorQueue: queues.orchestrator, encryptionKey: config.encryptionKey, clientFor },
    whatsAppSimulator,
    // In the sandbox the emulated portal frames the settings app (the emulator also installs as a portal).
    frameAncestors: emulatorFrameAncestors(process.env.BITRIX24_EMULATOR_URL),
  });
  await ensureAttentionDelivery(temporal, { prefix: config.temporal.taskQueuePrefix, orchestrator: queues.orchestrator });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(config.port, () => resolve(listening));
  });
  whatsAppSimulator?.attach(server);
  logger.info({ port: config.port, publicUrl: config.publicUrl }, 'api listening');
  const run = new Promise<void>((resolve) => server.once('close', resolve)).finally(async () => {
    await temporal.connection.close();
    await disconnectDatabase();
  });
  const shutdown = () => {
    void whatsAppSimulator?.close();
    server.close();
    server.closeAllConnections();
  };
  return { run, shutdown };
});

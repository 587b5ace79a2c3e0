import type { Server } from 'node:http';
import { loadConfig } from '../lib/config.js';
import { connectDatabase, databaseReachable, disconnectDatabase } from '../lib/database.js';
import { createLogger } from '../lib/logger.js';
import { connectTemporalClient, temporalReachable } from '../lib/temporal.js';
import { runProcess } from '../lib/process-lifecycle.js';
import { createWhatsAppSimulator } from '../sandbox/whatsapp-simulator/server.js';
import { createApp } from './app.js';
import { createConnectorService } from './connectors/service.js';
import { taskQueues } from '../workflows/constants.js';

/** The api process: management API, Bitrix24 handlers, the settings app, health and metrics. */
const config = loadConfig();
const logger = createLogger('api', config.logLevel);

runProcess(logger, async () => {
  await connectDatabase(config.mongoUrl);
  const temporal = await connectTemporalClient(config.temporal);
  const whatsAppSimulator =
    config.whatsappTransport === 'simulator' ? createWhatsAppSimulator({ logger, defaultRegion: config.defaultPhoneRegion }) : undefined;
  const app = createApp({
    adminApiToken: config.adminApiToken,
    logger,
    health: { temporal: () => temporalReachable(temporal), database: databaseReachable },
    connectors: createConnectorService(temporal, taskQueues(config.temporal.taskQueuePrefix)),
    defaultPhoneRegion: config.defaultPhoneRegion,
    whatsAppSimulator,
  });
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

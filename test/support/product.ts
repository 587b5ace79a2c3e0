import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createOrchestratorActivities } from '../../activities/index.js';
import { clientFactory } from '../../activities/bitrix24/deps.js';
import { inboundRecorder } from '../../activities/inbound/record.js';
import { chatSignaller } from '../../activities/inbound/signal-chat.js';
import { outboundTraffic } from '../../activities/outbound/receipts.js';
import { followUpPoker, startFollowUp } from '../../activities/outgoing/follow-up-client.js';
import { phoneMessages } from '../../activities/outgoing/from-phone.js';
import { trafficDispatcher } from '../../activities/session/traffic.js';
import { createHostActivities } from '../../activities/session/host.js';
import { createApp } from '../../api/app.js';
import { connectorRegistrationsHook, ensureAttentionDelivery, lineBindingHook } from '../../api/bitrix24/background.js';
import { createConnectorService } from '../../api/connectors/service.js';
import { createMessageService } from '../../api/messages/service.js';
import { createMongoAuthStore } from '../../integrations/whatsapp/baileys/mongo-auth-store.js';
import { createSimulatorTransport } from '../../integrations/whatsapp/simulator/transport.js';
import { databaseReachable } from '../../lib/database.js';
import { newId } from '../../lib/ids.js';
import { createLogger } from '../../lib/logger.js';
import { temporalReachable } from '../../lib/temporal.js';
import { SimulatorControlError, simulatorControl } from '../../sandbox/whatsapp-simulator/control-client.js';
import { createWhatsAppSimulator } from '../../sandbox/whatsapp-simulator/server.js';
import type { QrTimingOptions } from '../../sandbox/whatsapp-simulator/qr.js';
import { hostTaskQueue, taskQueues, workflowIds } from '../../workflows/constants.js';
import { sessionReportSignal } from '../../workflows/messages.js';
import { call, serve } from './http.js';
import { bundleWorkflows, quietTemporalRuntime, temporalClient, temporalTarget, testDatabaseUrl, uniqueTaskQueue, useTestDatabase, workerConnection } from './servers.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
/**
 * A worker waits for its running activities on shutdown; one still retrying a call to an emulator the
 * test already closed would hold the teardown for ever. Give them a moment, then stop regardless.
 */
const BOUNDED_SHUTDOWN = { shutdownGraceTime: '2s', shutdownForceTime: '10s' } as const;
export const ENCRYPTION_KEY = Buffer.alloc(32, 9);
const silent = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');

/**
 * The whole product in this test process, on the real Temporal server and database: the api with the
 * WhatsApp simulator, the orchestrator worker, and session hosts (started separately, so a test can
 * stop one and start another). Task queues and the database are this file's own.
 */
export interface ProductOptions {
  qr?: QrTimingOptions;
  sendTtlMs?: number;
  /** A Temporal server of the test's own (one it may kill) instead of the run's shared one. */
  temporalAddress?: string;
  /** Bitrix24 side: the OAuth token URL (BITRIX24_OAUTH_URL) and how often attentions are delivered. */
  bitrix24?: { oauthUrl?: string; clientId?: string; clientSecret?: string; attentionIntervalMs?: number };
}

export async function startProduct(options: ProductOptions = {}) {
  quietTemporalRuntime();
  const queuePrefix = `${uniqueTaskQueue('p')}:`;
  const queues = taskQueues(queuePrefix);
  const databaseUrl = testDatabaseUrl();
  const dropDatabase = await useTestDatabase(databaseUrl);
  const temporalAddress = options.temporalAddress ?? temporalTarget().address;
  const client: Client = await temporalClient(temporalAddress);
  const authStore = (connectorId: string) => createMongoAuthStore(connectorId, ENCRYPTION_KEY);

  const simulator = createWhatsAppSimulator({ logger: silent, defaultRegion: 'RU', ...options.qr });
  const connectors = createConnectorService(client, queues, { lineChanged: lineBindingHook(client, queues.orchestrator), connectorsChanged: connectorRegistrationsHook(client, queues.orchestrator) });
  // PUBLIC_URL is the api's own address, known once it listens; the api reads it only through these deps.
  const bitrix24 = {
    encryptionKey: ENCRYPTION_KEY,
    publicUrl: '',
    oauth: { clientId: options.bitrix24?.clientId ?? 'test-client', clientSecret: options.bitrix24?.clientSecret ?? 'test-secret', tokenUrl: options.bitrix24?.oauthUrl },
    logger: silent,
  };
  const clientFor = clientFactory(bitrix24);
  const api = await serve(
    createApp({
      adminApiToken: ADMIN_TOKEN,
      logger: silent,
      health: { temporal: () => temporalReachable(client), database: databaseReachable },
      connectors,
      defaultPhoneRegion: 'RU',
      messages: createMessageService({ temporal: client, orchestratorQueue: queues.orchestrator, connectors, defaultPhoneRegion: 'RU' }),
      bitrix24: { temporal: client, orchestratorQueue: queues.orchestrator, encryptionKey: ENCRYPTION_KEY, clientFor },
      whatsAppSimulator: simulator,
    }),
  );
  bitrix24.publicUrl = api.url;
  simulator.attach(api.server);
  const simulatorUrl = `${api.url.replace('http', 'ws')}/sandbox/whatsapp/socket`;

  const connection = await workerConnection(temporalAddress);
  const workflowBundle = await bundleWorkflows();
  const activities = createOrchestratorActivities({ authStore, sendTtlMs: options.sendTtlMs ?? 24 * 3_600_000, bitrix24 });
  /** The orchestrator worker; a test may stop it (as a crash of the worker process would) and start another. */
  async function startOrchestrator() {
    const worker = await Worker.create({ connection, taskQueue: queues.orchestrator, workflowBundle, activities, ...BOUNDED_SHUTDOWN });
    // A forced shutdown (an activity that ignored its cancellation) still ends the test's teardown.
    const run = worker.run().then(() => undefined, (err: unknown) => err);
    return {
      /** Resolves to what ended the run: nothing once it drained, an error once the shutdown had to be forced. */
      async stop(): Promise<unknown> {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        return run;
      },
    };
  }
  let orchestrator = await startOrchestrator();
  await ensureAttentionDelivery(client, { prefix: queuePrefix, orchestrator: queues.orchestrator }, options.bitrix24?.attentionIntervalMs ?? 1000);
  const hosts: Array<() => Promise<void>> = [];

  /** A session host in this process; the returned function stops it as a graceful shutdown would. */
  async function startSessionHost(hostOptions: { leaseTtlMs?: number; leaseRenewMs?: number } = {}): Promise<() => Promise<void>> {
    const hostId = `test-host-${newId(6)}`;
    const hostConnection = await workerConnection(temporalAddress);
    const activities = createHostActivities({
      hostId,
      transportFactory: createSimulatorTransport(simulatorUrl),
      authStore,
      report: async (connectorId, report) => {
        await client.workflow.getHandle(workflowIds.connector(connectorId)).signal(sessionReportSignal, report);
      },
      logger: silent,
      onTraffic: trafficDispatcher([
        outboundTraffic(silent, followUpPoker(client)),
        inboundRecorder({ logger: silent, signalChat: chatSignaller(client, queues.orchestrator) }),
        phoneMessages({ logger: silent, startFollowUp: (connectorId, messageId) => startFollowUp(client, queues.orchestrator, connectorId, messageId) }),
      ]),
      leaseTtlMs: hostOptions.leaseTtlMs,
      leaseRenewMs: hostOptions.leaseRenewMs,
    });
    const workers = await Promise.all(
      [queues.sessions, hostTaskQueue(hostId)].map((taskQueue) =>
        Worker.create({ connection: hostConnection, taskQueue, activities, maxHeartbeatThrottleInterval: '1s', ...BOUNDED_SHUTDOWN }),
      ),
    );
    const runs = Promise.all(workers.map((w) => w.run().catch(() => undefined)));
    const stop = async () => {
      workers.forEach((w) => w.shutdown());
      await runs;
      await hostConnection.close();
    };
    hosts.push(stop);
    return stop;
  }

  const api$ = (path: string, init: { method?: string; body?: unknown } = {}) => call(`${api.url}/api/v1${path}`, { ...init, token: ADMIN_TOKEN });
  const phone$ = simulatorControl(api.url);

  return {
    url: api.url,
    client,
    temporalAddress,
    queues,
    queuePrefix,
    databaseUrl,
    simulatorUrl,
    phone: phone$,
    api: api$,
    startSessionHost,
    /** Stops the orchestrator worker mid-flight and starts a fresh one, as a worker process restart does. */
    async restartOrchestrator(): Promise<void> {
      await orchestrator.stop();
      orchestrator = await startOrchestrator();
    },
    /**
     * Stops the orchestrator worker as a process's graceful stop does; resolves to what ended its run:
     * nothing when its activities gave up in time, an error when the shutdown had to be forced.
     */
    stopOrchestrator: (): Promise<unknown> => orchestrator.stop(),
    /** A fresh orchestrator worker, after `stopOrchestrator`. */
    async startOrchestrator(): Promise<void> {
      orchestrator = await startOrchestrator();
    },
    /**
     * The phone scans the QR the API shows, as a person would, again with the new one if it rotated
     * in between (the sandbox rotates QRs fast in tests).
     */
    async scanShownQr(id: string, phone: string): Promise<void> {
      for (let attempt = 0; ; attempt++) {
        const shown = await eventually(async () => {
          const { body } = await api$(`/connectors/${id}`);
          return body.qr ? (body as { qr: string }) : undefined;
        }, 30_000, 'a QR');
        try {
          await phone$.scan(id, { phone, qr: shown.qr });
          return;
        } catch (err) {
          if (!(err instanceof SimulatorControlError) || err.body.error !== 'qr_expired' || attempt >= 5) throw err;
        }
      }
    },
    /** Creates a connector through the API and returns its id. */
    async createConnector(name = 'Sales'): Promise<string> {
      const created = await api$('/connectors', { method: 'POST', body: { name } });
      if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
      return created.body.id as string;
    },
    async stop(): Promise<void> {
      await Promise.allSettled(hosts.map((stop) => stop()));
      await simulator.close();
      await api.stop();
      await orchestrator.stop();
      await connection.close();
      await client.connection.close();
      await dropDatabase();
    },
  };
}

export type Product = Awaited<ReturnType<typeof startProduct>>;

/** Polls `probe` until it returns a value (not undefined) or the time is up: a condition, not a sleep. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** The connector as the management API shows it, once `predicate` holds. */
export function connectorWhen(product: Product, id: string, predicate: (view: any) => boolean, what = 'the connector state') {
  let last: unknown;
  return eventually(async () => {
    const { body } = await product.api(`/connectors/${id}`);
    last = body;
    return predicate(body) ? body : undefined;
  }, 30_000, what).catch((err: Error) => {
    throw new Error(`${err.message}; the connector was last ${JSON.stringify(last)}`);
  });
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Express, Router } from 'express';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../lib/logger.js';
import { Backlog } from './backlog.js';
import { SimulatorConnection } from './connection.js';
import type { SimulatorContext } from './context.js';
import { controlRoutes } from './control-routes.js';
import { SIMULATOR_BASE_PATH, SIMULATOR_SOCKET_PATH } from './protocol.js';
import { qrTiming, type QrTimingOptions } from './qr.js';
import { SocketRegistry } from './sockets.js';

export interface WhatsAppSimulatorDeps extends QrTimingOptions {
  logger: Logger;
  /** Region for numbers typed without a country code (DEFAULT_PHONE_REGION). */
  defaultRegion: string;
}

export interface WhatsAppSimulator {
  /** The control API and overview page; mount it at SIMULATOR_BASE_PATH, before the app's 404 handler. */
  router: Router;
  /** Serves the simulated WhatsApp socket (SIMULATOR_SOCKET_PATH) on the server's upgrade requests. */
  attach(server: Server): void;
  /** Cuts every socket, as a WhatsApp server going away would; stored state stays. */
  close(): Promise<void>;
}

/**
 * The simulated WhatsApp server, hosted in the api process. Its state lives in the database; only the
 * live sockets are held here.
 */
export function createWhatsAppSimulator(deps: WhatsAppSimulatorDeps): WhatsAppSimulator {
  const logger = deps.logger.child({ component: 'whatsapp-simulator' });
  const sockets = new SocketRegistry<SimulatorConnection>();
  const ctx: SimulatorContext = {
    logger,
    region: deps.defaultRegion,
    qr: qrTiming(deps),
    sockets,
    backlog: new Backlog((connectorId) => sockets.open(connectorId), logger),
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  wss.on('connection', (ws) => new SimulatorConnection(ws, ctx));

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://simulator').pathname !== SIMULATOR_SOCKET_PATH) return;
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  let attached: Server | undefined;
  return {
    router: controlRoutes(ctx),
    attach: (server) => {
      attached = server.on('upgrade', onUpgrade);
    },
    close: () => {
      attached?.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Mounts the simulator on an app and its server in one step (for an app that has no 404 handler yet). */
export function mountWhatsAppSimulator(app: Express, server: Server, deps: WhatsAppSimulatorDeps): WhatsAppSimulator {
  const simulator = createWhatsAppSimulator(deps);
  app.use(SIMULATOR_BASE_PATH, simulator.router);
  simulator.attach(server);
  return simulator;
}

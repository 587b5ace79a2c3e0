import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { Logger } from '../lib/logger.js';
import type { WhatsAppSimulator } from '../sandbox/whatsapp-simulator/server.js';
import { bitrix24Routes, type Bitrix24RouteDeps } from './bitrix24/routes.js';
import { lineRoutes } from './bitrix24/lines.js';
import { portalRoutes } from './bitrix24/portals.js';
import type { Bitrix24Client } from '../integrations/bitrix24/client.js';
import type { ConnectorService } from './connectors/service.js';
import { connectorRoutes } from './connectors/routes.js';
import { createSettingsService } from './connectors/settings.js';
import { AppError, errorHandler } from './errors.js';
import { createMetrics } from './metrics.js';
import { placementRoutes } from './bitrix24/placement.js';
import { requireApiCaller } from './middleware/admin-auth.js';
import { requireConnectorInScope } from './middleware/connector-scope.js';
import { allowBitrix24Framing } from './middleware/frame-ancestors.js';
import { healthRoutes, type HealthChecks } from './routes/health.js';
import { mediaRoutes } from './media.js';
import { messageRoutes } from './messages/routes.js';
import type { MessageService } from './messages/service.js';

export interface AppDeps {
  adminApiToken: string;
  logger: Logger;
  health: HealthChecks;
  connectors: ConnectorService;
  defaultPhoneRegion: string;
  /** The messages API; absent in apps that only serve the management API. */
  messages?: MessageService;
  /** The Bitrix24 handlers, the open lines API and signed media URLs; absent in apps that only serve the management API. */
  bitrix24?: Omit<Bitrix24RouteDeps, 'logger'> & { clientFor: (memberId: string) => Bitrix24Client };
  /** The sandbox WhatsApp simulator (WHATSAPP_TRANSPORT=simulator): its control API and overview page. */
  whatsAppSimulator?: WhatsAppSimulator;
  /** The built settings app; served under /app/ when present. */
  webDistDir?: string;
  /** Origins besides Bitrix24's and the installed portals' that may frame the settings app (CSP frame-ancestors). */
  frameAncestors?: string[];
  /** How long a settings session opened by the Bitrix24 placement lasts. */
  uiSessionTtlMs?: number;
}

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

/** The express app without a listening socket, so tests can serve it on port 0. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  const metrics = createMetrics();
  app.disable('x-powered-by');
  app.use(metrics.middleware);
  app.use(express.json({ limit: '25mb' }));

  app.use(healthRoutes(deps.health));
  const webDist = deps.webDistDir ?? DEFAULT_WEB_DIST;
  const framing = allowBitrix24Framing(deps.frameAncestors);
  if (deps.bitrix24) {
    // Before the other Bitrix24 handlers: the placement answers with the settings app, framed by the portal.
    app.use('/bitrix24/placement', framing, placementRoutes({ webDistDir: webDist, logger: deps.logger, sessionTtlMs: deps.uiSessionTtlMs }));
    app.use('/bitrix24', bitrix24Routes({ ...deps.bitrix24, logger: deps.logger }));
    app.use('/media', mediaRoutes(deps.bitrix24.encryptionKey));
  }
  app.get('/metrics', metrics.endpoint);
  // The admin token, or a placement session confined to its portal's connectors (others answer 404).
  app.use('/api/v1', requireApiCaller(deps.adminApiToken));
  app.use('/api/v1/connectors/:id', requireConnectorInScope(deps.connectors));
  app.use('/api/v1/portals', portalRoutes());
  if (deps.bitrix24) app.use('/api/v1/lines', lineRoutes(deps.bitrix24.clientFor));
  if (deps.messages) app.use('/api/v1/connectors/:id/messages', messageRoutes(deps.messages));
  app.use('/api/v1/connectors', connectorRoutes(deps.connectors, createSettingsService(deps.connectors, deps.defaultPhoneRegion), deps.defaultPhoneRegion));

  if (existsSync(webDist)) {
    app.use('/app', framing, express.static(webDist));
    app.get('/app/{*rest}', (_req, res) => res.sendFile('index.html', { root: webDist }));
    app.get('/', (_req, res) => res.redirect('/app/'));
  }

  if (deps.whatsAppSimulator) app.use('/sandbox/whatsapp', deps.whatsAppSimulator.router);

  app.use((req, _res, next) => next(new AppError(404, 'not_found', `${req.method} ${req.path} is not a route`)));
  app.use(errorHandler(deps.logger));
  return app;
}

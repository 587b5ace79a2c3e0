import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { Logger } from '../lib/logger.js';
import type { WhatsAppSimulator } from '../sandbox/whatsapp-simulator/server.js';
import type { ConnectorService } from './connectors/service.js';
import { connectorRoutes } from './connectors/routes.js';
import { createSettingsService } from './connectors/settings.js';
import { AppError, errorHandler } from './errors.js';
import { createMetrics } from './metrics.js';
import { requireAdminToken } from './middleware/admin-auth.js';
import { healthRoutes, type HealthChecks } from './routes/health.js';

export interface AppDeps {
  adminApiToken: string;
  logger: Logger;
  health: HealthChecks;
  connectors: ConnectorService;
  defaultPhoneRegion: string;
  /** The sandbox WhatsApp simulator (WHATSAPP_TRANSPORT=simulator): its control API and overview page. */
  whatsAppSimulator?: WhatsAppSimulator;
  /** The built settings app; served under /app/ when present. */
  webDistDir?: string;
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
  app.get('/metrics', metrics.endpoint);
  app.use('/api/v1', requireAdminToken(deps.adminApiToken));
  app.use('/api/v1/connectors', connectorRoutes(deps.connectors, createSettingsService(deps.connectors, deps.defaultPhoneRegion), deps.defaultPhoneRegion));

  const webDist = deps.webDistDir ?? DEFAULT_WEB_DIST;
  if (existsSync(webDist)) {
    app.use('/app', express.static(webDist));
    app.get('/app/{*rest}', (_req, res) => res.sendFile('index.html', { root: webDist }));
    app.get('/', (_req, res) => res.redirect('/app/'));
  }

  if (deps.whatsAppSimulator) app.use('/sandbox/whatsapp', deps.whatsAppSimulator.router);

  app.use((req, _res, next) => next(new AppError(404, 'not_found', `${req.method} ${req.path} is not a route`)));
  app.use(errorHandler(deps.logger));
  return app;
}

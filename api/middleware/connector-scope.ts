import type { RequestHandler } from 'express';
import type { ConnectorService } from '../connectors/service.js';
import { scopeOf } from './admin-auth.js';

/**
 * Mounted on `/api/v1/connectors/:id`, in front of every per-connector route (settings, events,
 * messages, actions): a connector of another portal is answered 404, as if it did not exist.
 */
export function requireConnectorInScope(connectors: ConnectorService): RequestHandler {
  return async (req, res, next) => {
    const id = (req.params as Record<string, string | undefined>).id;
    if (id !== undefined) await connectors.assertInScope(id, scopeOf(res));
    next();
  };
}

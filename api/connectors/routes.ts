import { Router } from 'express';
import { activeUntilBody, createConnectorBody, pairingCodeBody, patchConnectorBody } from '../../domain/connector-api.js';
import { normalizePhone } from '../../domain/phone.js';
import { AppError, parseBody } from '../errors.js';
import { scopeOf } from '../middleware/admin-auth.js';
import { streamConnectorEvents } from './events.js';
import type { ConnectorService } from './service.js';
import type { SettingsService } from './settings.js';

/**
 * `/api/v1/connectors`: thin handlers over the connector and settings services. A placement session sees
 * and creates only its portal's connectors; per-connector routes are guarded in app.ts.
 */
export function connectorRoutes(connectors: ConnectorService, settings: SettingsService, defaultPhoneRegion: string): Router {
  return Router()
    .get('/', async (_req, res) => {
      res.json(await connectors.list(scopeOf(res)));
    })
    .post('/', async (req, res) => {
      res.status(201).json(await connectors.create(parseBody(createConnectorBody, req.body), scopeOf(res)));
    })
    .get('/:id', async (req, res) => {
      res.json(await connectors.view(req.params.id));
    })
    .patch('/:id', async (req, res) => {
      res.json(await connectors.update(req.params.id, parseBody(patchConnectorBody, req.body)));
    })
    .delete('/:id', async (req, res) => {
      await connectors.remove(req.params.id);
      res.status(204).end();
    })
    .get('/:id/events', async (req, res) => {
      await streamConnectorEvents(connectors, req.params.id, req, res);
    })
    .get('/:id/settings', async (req, res) => {
      res.json(await settings.get(req.params.id));
    })
    .put('/:id/settings', async (req, res) => {
      res.json(await settings.put(req.params.id, req.body));
    })
    .post('/:id/qr', async (req, res) => {
      await connectors.requestQr(req.params.id);
      res.json(await connectors.view(req.params.id));
    })
    .post('/:id/pairing-code', async (req, res) => {
      const { phone } = parseBody(pairingCodeBody, req.body);
      const normalized = normalizePhone(phone, defaultPhoneRegion);
      if (!normalized.ok) throw new AppError(422, 'invalid_request', normalized.error, { fields: { phone: normalized.error } });
      res.json({ code: await connectors.pairingCode(req.params.id, normalized.e164) });
    })
    .post('/:id/disconnect', async (req, res) => {
      await connectors.disconnect(req.params.id);
      res.json(await connectors.view(req.params.id));
    })
    .post('/:id/reconnect', async (req, res) => {
      await connectors.reconnect(req.params.id);
      res.json(await connectors.view(req.params.id));
    })
    .put('/:id/active-until', async (req, res) => {
      const { activeUntil } = parseBody(activeUntilBody, req.body);
      res.json(await connectors.setActiveUntil(req.params.id, activeUntil === null ? null : new Date(activeUntil)));
    });
}

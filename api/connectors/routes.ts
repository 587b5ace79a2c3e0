import { Router } from 'express';
import { createConnectorBody, patchConnectorBody } from '../../domain/connector-api.js';
import { parseBody } from '../errors.js';
import type { ConnectorService } from './service.js';

/** `/api/v1/connectors`: thin handlers over the connector service. */
export function connectorRoutes(connectors: ConnectorService): Router {
  return Router()
    .get('/', async (_req, res) => {
      res.json(await connectors.list());
    })
    .post('/', async (req, res) => {
      res.status(201).json(await connectors.create(parseBody(createConnectorBody, req.body)));
    })
    .get('/:id', async (req, res) => {
      res.json(await connectors.get(req.params.id));
    })
    .patch('/:id', async (req, res) => {
      res.json(await connectors.update(req.params.id, parseBody(patchConnectorBody, req.body)));
    })
    .delete('/:id', async (req, res) => {
      await connectors.remove(req.params.id);
      res.status(204).end();
    });
}

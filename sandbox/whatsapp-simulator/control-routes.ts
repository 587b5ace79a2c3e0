import express, { Router } from 'express';
import { notFound } from '../../api/errors.js';
import { findAccount, listAccounts } from './accounts.js';
import { accountView } from './account-view.js';
import { addClientRoutes } from './client-routes.js';
import type { SimulatorContext } from './context.js';
import { controlSchemas } from './control-schemas.js';
import { renderPage } from './page.js';
import { addPhoneRoutes } from './phone-routes.js';
import { listSent } from './sent-log.js';

/** The simulator's control API and overview page, mounted at `/sandbox/whatsapp` (sandbox only, no auth). */
export function controlRoutes(ctx: SimulatorContext): Router {
  const router = Router();
  const body = controlSchemas(ctx.region);
  router.use(express.json({ limit: '25mb' }));

  router.get('/', async (_req, res) => {
    const accounts = await listAccounts();
    const sections = await Promise.all(accounts.map(async (account) => ({ account: await accountView(ctx, account), sent: await listSent(account._id) })));
    res.type('html').send(renderPage(sections));
  });

  router.get('/:connectorId', async (req, res) => {
    const account = await findAccount(req.params.connectorId);
    if (!account) throw notFound(`simulated account ${req.params.connectorId}`);
    res.json(await accountView(ctx, account));
  });

  router.get('/:connectorId/sockets', (req, res) => {
    res.json(ctx.sockets.stats(req.params.connectorId));
  });

  router.get('/:connectorId/sent', async (req, res) => {
    res.json(await listSent(req.params.connectorId));
  });

  addPhoneRoutes(router, ctx, body);
  addClientRoutes(router, ctx, body);
  return router;
}

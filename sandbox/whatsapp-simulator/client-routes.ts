import type { Router } from 'express';
import { notFound, parseBody } from '../../api/errors.js';
import { markAbsent } from './accounts.js';
import { call, edited, inboundMessage, revoked } from './client-events.js';
import type { SimulatorContext } from './context.js';
import type { controlSchemas } from './control-schemas.js';
import { markRead } from './sent-log.js';

type Schemas = ReturnType<typeof controlSchemas>;

/**
 * What the account's clients do. Their events reach the account through the backlog: at once when
 * its socket is open, else on the next open, so the answer is 202 either way.
 */
export function addClientRoutes(router: Router, ctx: SimulatorContext, body: Schemas): void {
  router.post('/:connectorId/inbound', async (req, res) => {
    const frame = inboundMessage(parseBody(body.inbound, req.body));
    await ctx.backlog.push(req.params.connectorId, frame);
    res.status(202).json({ id: frame.message.id });
  });

  router.post('/:connectorId/edit', async (req, res) => {
    const frame = edited(parseBody(body.edit, req.body));
    await ctx.backlog.push(req.params.connectorId, frame);
    res.status(202).json({ id: frame.id });
  });

  router.post('/:connectorId/revoke', async (req, res) => {
    const frame = revoked(parseBody(body.revoke, req.body));
    await ctx.backlog.push(req.params.connectorId, frame);
    res.status(202).json({ id: frame.id });
  });

  router.post('/:connectorId/call', async (req, res) => {
    const frame = call(parseBody(body.call, req.body), !ctx.sockets.open(req.params.connectorId));
    await ctx.backlog.push(req.params.connectorId, frame);
    res.status(202).json({ id: frame.id });
  });

  router.post('/:connectorId/receipt', async (req, res) => {
    const { id, status } = parseBody(body.receipt, req.body);
    if (!(await markRead(req.params.connectorId, id))) throw notFound(`message ${id} sent by ${req.params.connectorId}`);
    await ctx.backlog.push(req.params.connectorId, { type: 'receipt', id, status });
    res.status(202).json({ id });
  });

  router.post('/absent', async (req, res) => {
    const { phone } = parseBody(body.absent, req.body);
    await markAbsent(phone);
    res.json({ phone });
  });
}

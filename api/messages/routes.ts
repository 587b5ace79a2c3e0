import { Router, type Request } from 'express';
import type { MessageService } from './service.js';

/** Mounted under `/connectors/:id/messages`, whose `:id` reaches here through mergeParams. */
const params = (req: Request) => req.params as { id: string; messageId: string };

/** `/api/v1/connectors/:id/messages`: send, read, cancel. */
export function messageRoutes(messages: MessageService): Router {
  return Router({ mergeParams: true })
    .post('/', async (req, res) => {
      res.status(202).json(await messages.accept(params(req).id, req.body));
    })
    .get('/:messageId', async (req, res) => {
      res.json(await messages.view(params(req).id, params(req).messageId));
    })
    .post('/:messageId/cancel', async (req, res) => {
      res.json(await messages.cancel(params(req).id, params(req).messageId));
    });
}

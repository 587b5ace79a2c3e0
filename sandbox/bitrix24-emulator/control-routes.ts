import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Control } from './control.js';
import { controlSchemas as s } from './control-schemas.js';

const id = (req: Request) => Number(req.params.id);
type Handler = (req: Request) => unknown;

/** JSON answers; a bad body is 422 with the fields, an action that cannot happen 400. */
const json = (handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
  try {
    const result = await handler(req);
    res.json(result ?? {});
  } catch (err) {
    if (err instanceof z.ZodError) {
      res.status(422).json({ error: 'invalid', fields: Object.fromEntries(err.issues.map((i) => [i.path.join('.') || '(body)', i.message])) });
    } else if (err instanceof Error) {
      res.status(/not found/.test(err.message) ? 404 : 400).json({ error: err.name, message: err.message });
    } else next(err);
  }
};

/** The control API under /control: install, look at the portal, act as its employees, bend its rules. */
export function controlRoutes(control: Control): Router {
  const r = Router();
  r.use(express.json({ limit: '50mb' }));
  r.get('/portal', json(() => control.portal()));
  r.get('/state', json(() => control.state()));
  r.post('/install', json((req) => control.install(s.install.parse(req.body ?? {}))));
  r.post('/install/finish', json(() => control.finishInstall()));
  r.post('/uninstall', json((req) => control.uninstall(s.uninstall.parse(req.body ?? {}))));

  r.get('/chats', json(() => control.chats()));
  r.get('/chats/:id', json((req) => control.chat(id(req)) ?? Promise.reject(new Error('chat not found'))));
  r.post('/chats/:id/reply', json((req) => control.reply({ chatId: id(req), ...s.reply.parse(req.body ?? {}) })));
  r.post('/chats/:id/system', json((req) => control.systemMessage({ chatId: id(req), ...s.system.parse(req.body ?? {}) })));
  r.post('/chats/:id/close', json((req) => control.closeDialog(id(req))));
  r.post('/messages/:id/edit', json((req) => control.edit({ messageId: id(req), ...s.edit.parse(req.body ?? {}) })));
  r.post('/messages/:id/delete', json((req) => control.remove({ messageId: id(req) })));

  r.post('/lines', json((req) => control.addLine(s.line.parse(req.body ?? {}))));
  r.delete('/lines/:id', json((req) => control.deleteLine(id(req))));
  r.post('/lines/:id/turn-off', json((req) => control.turnOffConnector({ line: id(req), ...s.turnOff.parse(req.body ?? {}) })));
  r.post('/users', json((req) => control.addUser(s.user.parse(req.body ?? {}))));
  r.post('/placement', json((req) => control.placementForm(s.placement.parse(req.body ?? {}))));

  r.post('/sms', json((req) => control.sendSms(s.sms.parse(req.body ?? {}))));
  r.get('/sms', json(() => control.sms()));
  r.post('/robots/run', json((req) => control.runRobot(s.robot.parse(req.body ?? {}))));
  r.get('/robots/runs', json(() => control.robotRuns()));

  r.get('/events', json((req) => control.events({ event: typeof req.query.event === 'string' ? req.query.event : undefined })));
  r.get('/calls', json((req) => control.calls({ method: typeof req.query.method === 'string' ? req.query.method : undefined })));
  r.post('/idle', json(() => control.idle()));

  r.post('/config', json((req) => control.configure(s.config.parse(req.body ?? {}))));
  r.post('/faults', json((req) => control.injectFault(s.fault.parse(req.body ?? {}))));
  r.delete('/faults', json(() => control.clearFaults()));
  r.post('/tokens/expire', json(() => control.expireTokens()));
  r.post('/clock', json((req) => control.advanceClock(s.clock.parse(req.body ?? {}).advanceSeconds)));
  r.post('/webhooks', json((req) => control.createWebhook(s.webhook.parse(req.body ?? {}))));
  return r;
}

import express, { Router, type Request, type Response } from 'express';
import type { Control } from '../control.js';
import type { Runtime } from '../runtime.js';
import { chatPage, chatsPage } from './chats.js';
import { esc } from './layout.js';
import { overviewPage } from './overview.js';

const back = (res: Response, to: string) => res.redirect(303, to);
const field = (req: Request, name: string) => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};

/** The pages and the plain-form actions behind their buttons (each redirects back). */
export function pageRoutes(control: Control, rt: Runtime): Router {
  const r = Router();
  r.use('/ui', express.urlencoded({ extended: false }));
  const action = (path: string, run: (req: Request) => Promise<unknown> | unknown, to: (req: Request) => string) =>
    r.post(path, async (req, res) => {
      try {
        await run(req);
        back(res, to(req));
      } catch (err) {
        res.status(400).type('html').send(`<p>${esc(err instanceof Error ? err.message : err)}</p><p><a href="${esc(to(req))}">назад</a></p>`);
      }
    });
  r.get('/', (_req, res) => void res.type('html').send(overviewPage(rt)));
  r.get('/chats', (_req, res) => void res.type('html').send(chatsPage(rt)));
  r.get('/chats/:id', (req, res) => {
    const page = chatPage(rt, Number(req.params.id));
    if (!page) return void res.status(404).type('text').send('chat not found');
    res.type('html').send(page);
  });

  action('/ui/install', (req) => control.install({ mode: field(req, 'mode') === 'page' ? 'page' : 'event' }), () => '/');
  action('/ui/finish', () => control.finishInstall(), () => '/');
  action('/ui/uninstall', (req) => control.uninstall({ clean: field(req, 'clean') === '1' }), () => '/');
  action('/ui/lines/:id/delete', (req) => control.deleteLine(Number(req.params.id)), () => '/');
  action('/ui/lines/:id/turn-off', (req) => control.turnOffConnector({ line: Number(req.params.id), connector: field(req, 'connector') ?? '' }), () => '/');
  action(
    '/ui/sms',
    (req) => {
      const source = field(req, 'source');
      return control.sendSms({ code: field(req, 'code') ?? '', phone: field(req, 'phone') ?? '', text: field(req, 'text') ?? '', source: source === 'bizproc' || source === 'mailing' ? source : 'crm' });
    },
    () => '/',
  );
  action(
    '/ui/robot',
    (req) =>
      control.runRobot({
        code: field(req, 'code') ?? '',
        properties: { phone: field(req, 'phone') ?? '', text: field(req, 'text') ?? '', connector: field(req, 'connector') ?? '', create_chat: field(req, 'create_chat') === 'Y' },
      }),
    () => '/',
  );
  const chatBack = (req: Request) => `/chats/${req.params.id}`;
  action('/ui/chats/:id/reply', (req) => control.reply({ chatId: Number(req.params.id), userId: Number(field(req, 'userId')) || undefined, text: field(req, 'text') }), chatBack);
  action('/ui/chats/:id/system', (req) => control.systemMessage({ chatId: Number(req.params.id), text: field(req, 'text') ?? '' }), chatBack);
  action('/ui/chats/:id/close', (req) => control.closeDialog(Number(req.params.id)), chatBack);
  const messageBack = (req: Request) => `/chats/${rt.portal.state.messages.find((m) => m.id === Number(req.params.id))?.chatId ?? ''}`;
  action('/ui/messages/:id/edit', (req) => control.edit({ messageId: Number(req.params.id), text: field(req, 'text') ?? '' }), messageBack);
  action('/ui/messages/:id/delete', (req) => control.remove({ messageId: Number(req.params.id) }), messageBack);

  // Opens the connector settings as Bitrix24 does: the browser POSTs the placement fields to the app.
  r.post('/ui/placement', (req, res) => {
    try {
      const form = control.placementForm({ connector: field(req, 'connector') ?? '', line: Number(field(req, 'line')) });
      const inputs = Object.entries(form.fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('');
      res.type('html').send(`<!doctype html><form id="f" method="post" action="${esc(form.action)}">${inputs}</form><script>document.getElementById('f').submit()</script>`);
    } catch (err) {
      res.status(400).type('text').send(err instanceof Error ? err.message : String(err));
    }
  });
  return r;
}

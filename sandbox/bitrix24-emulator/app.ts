import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { createControl, type Control } from './control.js';
import { controlRoutes } from './control-routes.js';
import { allMethods } from './methods/index.js';
import { oauthRoutes } from './oauth-routes.js';
import { pageRoutes } from './pages/routes.js';
import { Portal, type PortalOptions } from './portal.js';
import { restRoutes } from './rest-routes.js';
import { Runtime } from './runtime.js';
import type { PortalState } from './state.js';

export interface EmulatorOptions extends PortalOptions {
  /** The emulator's own URL (client_endpoint, file links); `listen` sets it when left out. */
  baseUrl?: string;
}

export interface Bitrix24Emulator {
  app: Express;
  state: PortalState;
  control: Control;
  runtime: Runtime;
  /** The emulator's URL once listening (or the configured baseUrl). */
  readonly url: string;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The Bitrix24 portal emulator: REST (`/rest/…`), the OAuth server (`/oauth/token/`), events POSTed to
 * the app's handlers, the control API (`/control/…`) and pages (`/`, `/chats`).
 */
export function createBitrix24Emulator(options: EmulatorOptions = {}): Bitrix24Emulator {
  const portal = new Portal(options);
  if (options.baseUrl) portal.baseUrl = options.baseUrl.replace(/\/+$/, '');
  const runtime = new Runtime(portal, allMethods);
  const control = createControl(runtime);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/rest', restRoutes(runtime));
  app.use('/oauth/token', oauthRoutes(runtime));
  app.use('/control', controlRoutes(control));
  app.get('/files/:id/{:name}', (req, res) => {
    const stored = runtime.files.content(Number(req.params.id));
    if (!stored) return void res.status(404).type('text').send('file not found');
    res.type(stored.mime).setHeader('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(stored.file.name)}`);
    res.send(stored.data);
  });
  app.use(pageRoutes(control, runtime));

  let server: Server | undefined;
  return {
    app,
    state: portal.state,
    control,
    runtime,
    get url() {
      return portal.baseUrl;
    },
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve) => {
        server = app.listen(port, host, () => {
          const address = server?.address() as AddressInfo;
          if (!options.baseUrl) portal.baseUrl = `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
          resolve(portal.baseUrl);
        });
      });
    },
    async close() {
      await runtime.events.idle();
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

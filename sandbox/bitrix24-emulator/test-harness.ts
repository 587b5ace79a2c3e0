import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createBitrix24Emulator, type Bitrix24Emulator, type EmulatorOptions } from './app.js';
import { encodePhpForm, parsePhpForm, type FormValue } from './php-form.js';

/** A request the fake app received from the portal: path, raw form body, parsed PHP-style payload. */
export interface Received {
  path: string;
  query: string;
  contentType: string | undefined;
  userAgent: string | undefined;
  raw: string;
  body: Record<string, FormValue>;
}

/**
 * An emulator on a free port plus a tiny stand-in for the product that records every POST the portal
 * makes to it (install, events, robot, SMS) and answers 200 (or what `answer` says).
 */
export async function startEmulatorWithApp(options: EmulatorOptions = {}) {
  const received: Received[] = [];
  let answer: { status: number; body: string } = { status: 200, body: 'ok' };
  const fakeApp = express();
  fakeApp.use(express.text({ type: '*/*' }));
  fakeApp.post('/{*path}', (req, res) => {
    const raw = typeof req.body === 'string' ? req.body : '';
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    received.push({ path: req.path, query, contentType: req.headers['content-type'], userAgent: req.headers['user-agent'], raw, body: parsePhpForm(raw) });
    res.status(answer.status).send(answer.body);
  });
  const server: Server = await new Promise((resolve) => {
    const s = fakeApp.listen(0, '127.0.0.1', () => resolve(s));
  });
  const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const emulator: Bitrix24Emulator = createBitrix24Emulator({ productUrl: appUrl, ...options });
  const url = await emulator.listen(0);
  return {
    emulator,
    url,
    appUrl,
    received,
    answerWith(status: number, body = '') {
      answer = { status, body };
    },
    async close() {
      await emulator.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** One REST call as an app makes it (JSON by default, or a PHP-style form); never throws on a status. */
export async function restCall(
  emulatorUrl: string,
  method: string,
  params: Record<string, unknown> = {},
  init: { form?: boolean; path?: string } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely
): Promise<{ status: number; body: any }> {
  const url = `${emulatorUrl}${init.path ?? '/rest/'}${method}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': init.form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: init.form ? encodePhpForm(params) : JSON.stringify(params),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

import express from 'express';
import { phpQuery } from '../../integrations/bitrix24/php-query.js';
import { newId } from '../../lib/ids.js';
import { serve } from './http.js';

export interface RecordedCall {
  method: string;
  /** Top-level parameter names as sent (for batch commands: the names inside each command). */
  params: string[];
  body: Record<string, any>;
}

/**
 * A minimal stand-in portal for tests that need Bitrix24 before the portal emulator's control API
 * exists: the REST envelope, expiring access tokens with single-use refresh tokens, queued failure
 * answers, and a call log. It accepts what the product sends and records it; the contract test checks
 * that log against the reference.
 */
export async function startPortalDouble() {
  const memberId = newId(32);
  const state = {
    accessToken: newId(32),
    refreshToken: newId(32),
    applicationToken: newId(32),
    refreshes: 0,
    calls: [] as RecordedCall[],
    failures: [] as Array<{ method: string; status: number; error: string }>,
    robots: new Set<string>(),
    lines: [
      { ID: '1', LINE_NAME: 'Sales', ACTIVE: 'Y' },
      { ID: '2', LINE_NAME: 'Support', ACTIVE: 'N' },
    ],
  };

  function answer(method: string, body: Record<string, any>): { status: number; json: unknown } {
    switch (method) {
      case 'imconnector.register':
        return { status: 200, json: { result: { result: true } } };
      case 'bizproc.robot.add':
        if (state.robots.has(body.CODE)) return { status: 400, json: { error: 'ERROR_ACTIVITY_ALREADY_INSTALLED', error_description: 'exists' } };
        state.robots.add(body.CODE);
        return { status: 200, json: { result: true } };
      case 'imopenlines.config.list.get':
        return { status: 200, json: { result: state.lines } };
      case 'imconnector.send.messages':
      case 'imconnector.update.messages':
      case 'imconnector.delete.messages': {
        const result = (body.MESSAGES as any[]).map((m) => ({ user: '585', message: m.message, chat: m.chat, SUCCESS: true, session: { ID: '1', CHAT_ID: '7' } }));
        return { status: 200, json: { result: { SUCCESS: true, DATA: { RESULT: result } } } };
      }
      case 'profile':
        return { status: 200, json: { result: { ID: '1', ADMIN: true } } };
      case 'im.notify.system.add':
        return { status: 200, json: { result: 77 } };
      default:
        return { status: 200, json: { result: true } };
    }
  }

  const app = express();
  app.use(express.json(), express.urlencoded({ extended: true }));
  app.post('/rest/:method', (req, res) => {
    const method = String(req.params.method).replace(/\.json$/, '');
    const { auth, ...body } = req.body as Record<string, any>;
    if (auth !== state.accessToken) {
      res.status(401).json({ error: 'expired_token', error_description: 'The access token provided has expired.' });
      return;
    }
    const failure = state.failures.findIndex((f) => f.method === method);
    if (failure >= 0) {
      const [f] = state.failures.splice(failure, 1);
      state.calls.push({ method, params: Object.keys(body), body });
      res.status(f!.status).json({ error: f!.error, error_description: f!.error });
      return;
    }
    if (method === 'batch') {
      const results: Record<string, unknown> = {};
      for (const [key, command] of Object.entries(body.cmd as Record<string, string>)) {
        const [inner, query = ''] = command.split('?');
        const names = [...new Set([...new URLSearchParams(query).keys()].map((name) => name.split('[')[0]!))];
        state.calls.push({ method: inner!, params: names, body: Object.fromEntries(new URLSearchParams(query)) });
        results[key] = true;
      }
      state.calls.push({ method, params: Object.keys(body), body });
      res.json({ result: { result: results, result_error: [], result_total: [], result_next: [], result_time: {} } });
      return;
    }
    state.calls.push({ method, params: Object.keys(body), body });
    const { status, json } = answer(method, body);
    res.status(status).json(json);
  });
  app.post('/oauth/token/', async (req, res) => {
    // A slow OAuth server widens the window in which concurrent refreshes would collide.
    await new Promise((resolve) => setTimeout(resolve, 150));
    if (req.body.grant_type !== 'refresh_token' || req.body.refresh_token !== state.refreshToken) {
      res.status(400).json({ error: 'invalid_grant', error_description: 'refresh token already used' });
      return;
    }
    state.refreshes += 1;
    state.accessToken = newId(32);
    state.refreshToken = newId(32);
    res.json({ access_token: state.accessToken, refresh_token: state.refreshToken, expires: Math.floor(Date.now() / 1000) + 3600, expires_in: 3600, member_id: memberId });
  });
  const server = await serve(app);
  const restUrl = `${server.url}/rest/`;

  /** Form-encoded with PHP keys, as Bitrix24's queue posts. */
  const form = (url: string, body: Record<string, unknown>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: phpQuery(body) });

  const authBlock = (overrides: Record<string, string> = {}) => ({
    domain: new URL(server.url).host,
    client_endpoint: restUrl,
    server_endpoint: restUrl,
    member_id: memberId,
    application_token: state.applicationToken,
    ...overrides,
  });

  return {
    memberId,
    state,
    url: server.url,
    restUrl,
    /** Makes the current access token expire: the next call answers 401 expired_token. */
    expireToken: () => void (state.accessToken = newId(32)),
    fail: (method: string, status: number, error: string, times = 1) => {
      for (let i = 0; i < times; i++) state.failures.push({ method, status, error });
    },
    callsOf: (method: string) => state.calls.filter((call) => call.method === method),
    /** ONAPPINSTALL to the product's install handler. */
    install: (productUrl: string, overrides: Record<string, string> = {}) =>
      form(`${productUrl}/bitrix24/install`, {
        event: 'ONAPPINSTALL',
        data: { VERSION: '1', ACTIVE: 'Y', INSTALLED: 'Y', LANGUAGE_ID: 'en' },
        ts: String(Math.floor(Date.now() / 1000)),
        auth: authBlock({ access_token: state.accessToken, refresh_token: state.refreshToken, expires_in: '3600', status: 'L', user_id: '1', ...overrides }),
      }),
    /** Any bound event, with the portal's application token unless overridden. */
    event: (productUrl: string, event: string, data: unknown, overrides: Record<string, string> = {}) =>
      form(`${productUrl}/bitrix24/events`, { event, event_handler_id: '5', data, ts: String(Math.floor(Date.now() / 1000)), auth: authBlock(overrides) }),
    stop: server.stop,
  };
}

export type PortalDouble = Awaited<ReturnType<typeof startPortalDouble>>;

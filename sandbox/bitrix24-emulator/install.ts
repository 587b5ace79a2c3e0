import { hex, newApplicationToken } from './ids.js';
import type { Runtime } from './runtime.js';
import type { DeliveredEvent } from './state.js';

export const DEFAULT_INSTALL_PATH = '/bitrix24/install';

export interface InstallInput {
  /**
   * `event`: an API-only app: ONAPPINSTALL, installed at once. `page`: an app with UI: the install page
   * POST (§2.1/§8); events wait for installFinish. `both`: the page, then ONAPPINSTALL.
   */
  mode?: 'event' | 'page' | 'both';
  /** The installing user (an admin; default 1). */
  userId?: number;
  /** Full URL of the install handler (default: the product URL + /bitrix24/install). */
  url?: string;
}

export interface InstallResult {
  memberId: string;
  applicationToken: string;
  finished: boolean;
  deliveries: DeliveredEvent[];
}

/**
 * Installs the app into the portal, as an admin clicking "Install" does. A reinstall gets a new
 * application token and loses every event binding (the app must bind again).
 */
export async function installApp(rt: Runtime, input: InstallInput = {}): Promise<InstallResult> {
  const { portal, events } = rt;
  const app = portal.state.app;
  const mode = input.mode ?? 'event';
  const userId = input.userId ?? 1;
  const url = input.url ?? portal.productUrl(portal.options.installPath ?? DEFAULT_INSTALL_PATH);
  portal.state.eventBindings = [];
  Object.assign(app, { installed: true, finished: false, applicationToken: newApplicationToken(), installedBy: userId, installedAt: portal.now() });
  portal.changed();

  const deliveries: DeliveredEvent[] = [];
  if (mode === 'page' || mode === 'both') {
    const tokens = portal.issueTokens(userId, true);
    const query = new URLSearchParams({ DOMAIN: portal.domain, PROTOCOL: portal.baseUrl.startsWith('https') ? '1' : '0', LANG: portal.state.languageId, APP_SID: hex(16) });
    const entry = events.record('INSTALL_PAGE', `${url}${url.includes('?') ? '&' : '?'}${query}`, {
      AUTH_ID: tokens.accessToken,
      AUTH_EXPIRES: String(tokens.expiresIn),
      REFRESH_ID: tokens.refreshToken,
      SERVER_ENDPOINT: portal.serverEndpoint,
      member_id: portal.state.memberId,
      status: 'L',
      PLACEMENT: 'DEFAULT',
      PLACEMENT_OPTIONS: '{}',
      APPLICATION_TOKEN: app.applicationToken,
      APPLICATION_SCOPE: app.scope.join(','),
    });
    deliveries.push(entry);
    await events.idle();
    // The install page finishes the install by calling BX24.installFinish() in the browser; an answer
    // that contains that call stands in for the browser running it.
    if (entry.answer?.status === 200 && entry.answer.body?.includes('installFinish')) app.finished = true;
  }
  if (mode === 'event' || mode === 'both') {
    const tokens = portal.issueTokens(userId, true);
    app.finished = true;
    deliveries.push(
      events.record('ONAPPINSTALL', url, {
        event: 'ONAPPINSTALL',
        data: { VERSION: '1', ACTIVE: 'Y', INSTALLED: 'Y', LANGUAGE_ID: portal.state.languageId },
        ts: String(portal.unix()),
        auth: {
          access_token: tokens.accessToken,
          expires: String(tokens.expires),
          expires_in: String(tokens.expiresIn),
          scope: app.scope.join(','),
          domain: portal.domain,
          server_endpoint: portal.serverEndpoint,
          status: 'L',
          client_endpoint: portal.clientEndpoint,
          member_id: portal.state.memberId,
          user_id: String(userId),
          refresh_token: tokens.refreshToken,
          application_token: app.applicationToken,
        },
      }),
    );
    await events.idle();
  }
  portal.changed();
  return { memberId: portal.state.memberId, applicationToken: app.applicationToken ?? '', finished: app.finished, deliveries };
}

/** What BX24.installFinish() does: events start flowing, app.info says INSTALLED. */
export function finishInstall(rt: Runtime): void {
  if (!rt.portal.state.app.installed) throw new Error('the app is not installed');
  rt.portal.state.app.finished = true;
  rt.portal.changed();
}

/**
 * Removes the app: ONAPPUNINSTALL (auth without tokens) to its bound handler, then its connectors,
 * robots, SMS senders, placements, event bindings and tokens are gone.
 */
export async function uninstallApp(rt: Runtime, input: { clean?: boolean } = {}): Promise<{ deliveries: DeliveredEvent[] }> {
  const { portal, events } = rt;
  if (!portal.state.app.installed) return { deliveries: [] };
  const deliveries = events.emit(
    'ONAPPUNINSTALL',
    { LANGUAGE_ID: portal.state.languageId, CLEAN: input.clean ? '1' : '0' },
    {
      force: true,
      auth: {
        domain: portal.domain,
        server_endpoint: portal.serverEndpoint,
        status: 'L',
        client_endpoint: portal.clientEndpoint,
        member_id: portal.state.memberId,
        application_token: portal.state.app.applicationToken ?? '',
      },
    },
  );
  const state = portal.state;
  Object.assign(state.app, { installed: false, finished: false, applicationToken: undefined, installedBy: undefined, installedAt: undefined });
  state.eventBindings = [];
  state.connectors = {};
  state.lineConnectors = [];
  state.robots = {};
  state.senders = {};
  state.placements = [];
  portal.revokeAllTokens();
  await events.idle();
  return { deliveries };
}

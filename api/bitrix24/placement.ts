import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { callAsUser } from '../../integrations/bitrix24/client.js';
import type { Logger } from '../../lib/logger.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { AppError } from '../errors.js';
import { issueUiSession, UI_SESSION_TTL_MS } from '../middleware/ui-session.js';
import { rec, str, trustedPortal } from './trust.js';

export interface PlacementDeps {
  /** The built settings app (web/dist): its index.html is the page the placement answers with. */
  webDistDir: string;
  logger: Logger;
  /** How long the issued session lasts (default UI_SESSION_TTL_MS). */
  sessionTtlMs?: number;
}

/** What `profile` answers (§9): `[]` for an inactive user. */
interface Profile {
  ID?: string | number;
  ADMIN?: boolean | string;
}

/**
 * What the page hands the settings app (web/src/api/placement.ts reads it). The portal's language
 * needs no field: the app reads `LANG` from the page's address, where Bitrix24 puts it.
 */
export interface PlacementBootstrap {
  token: string;
  /** The product connector bound to the placement's open line. */
  connectorId?: string;
  /** The open line Bitrix24 opened the settings for; with no connector on it, the app offers to create one there. */
  lineId?: number;
}

function placementLine(body: Record<string, unknown>): number | undefined {
  const raw = str(body.PLACEMENT_OPTIONS);
  if (!raw) return undefined;
  try {
    const line = Number((JSON.parse(raw) as { LINE?: unknown }).LINE);
    return Number.isInteger(line) && line > 0 ? line : undefined;
  } catch {
    return undefined;
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON that is safe inside an inline <script> (no `</script>`, no HTML comment openers). */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function sendPage(res: Response, status: number, html: string): void {
  res.status(status).set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).type('html').send(html);
}

function errorPage(res: Response, status: number, title: string, text: string): void {
  sendPage(
    res,
    status,
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;margin:24px"><h1 style="font-size:18px">${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`,
  );
}

/**
 * `POST /bitrix24/placement`: the connector settings page Bitrix24 opens in a slider (SETTING_CONNECTOR,
 * bound through `imconnector.register`), authenticated as §8 says:
 * 1. `APPLICATION_TOKEN` must be the one stored for `member_id` (else 401, nothing stored);
 * 2. the viewing user's `AUTH_ID` must be accepted by `profile` on the portal's stored client
 *    endpoint (never on the `DOMAIN` the request names), which identifies the user and says whether
 *    they are an admin; only admins manage connectors until access rights exist;
 * 3. a short-lived opaque session token (stored hashed, see ../middleware/ui-session.ts) is handed to
 *    the settings app in the page itself: no cookie, third-party cookies are blocked in the iframe.
 * The page is the settings app's index.html with the session, scoped to the connector bound to
 * PLACEMENT_OPTIONS.LINE when there is one. Framing headers come from the caller (app.ts).
 */
export function placementRoutes(deps: PlacementDeps): Router {
  let template: string | undefined;
  const appPage = async () => (template ??= await readFile(path.join(deps.webDistDir, 'index.html'), 'utf8'));

  return Router()
    .use(express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 1_000 }))
    .post('/', async (req, res) => {
      const body = rec(req.body);
      try {
        const portal = await trustedPortal(str(body.member_id), str(body.APPLICATION_TOKEN));
        if (portal.uninstalledAt) throw new AppError(401, 'wrong_application_token', 'the app is not installed on this portal');
        const authId = str(body.AUTH_ID);
        const profile = authId ? await callAsUser<Profile | []>(portal.clientEndpoint, 'profile', authId) : undefined;
        const userId = profile && !Array.isArray(profile) ? Number(profile.ID) : NaN;
        if (!profile || Array.isArray(profile) || !Number.isInteger(userId) || userId <= 0) {
          deps.logger.warn({ memberId: portal._id }, 'placement: the portal refused the user token');
          throw new AppError(401, 'user_token_refused', 'Bitrix24 did not accept the user token');
        }
        const admin = profile.ADMIN === true || profile.ADMIN === 'Y' || profile.ADMIN === 'true';
        if (!admin) {
          errorPage(res, 403, 'Нет доступа', 'Настройки коннектора доступны только администраторам портала Битрикс24.');
          return;
        }

        const lineId = placementLine(body);
        const connector = lineId
          ? await ConnectorModel.findOne({ lineId, portal: portal._id }, { _id: 1 }).lean<{ _id: string }>()
          : null;
        const { token } = await issueUiSession({ memberId: portal._id, userId, admin }, deps.sessionTtlMs ?? UI_SESSION_TTL_MS);
        const bootstrap: PlacementBootstrap = {
          token,
          ...(connector && { connectorId: connector._id }),
          ...(lineId && !connector && { lineId }),
        };

        let page: string;
        try {
          page = await appPage();
        } catch {
          errorPage(res, 503, 'Openline Bridge', 'The settings app is not built (npm run build:web).');
          return;
        }
        const boot = `<script>window.__OLB_SESSION__ = ${scriptJson(bootstrap)};</script>`;
        sendPage(res, 200, page.replace(/<head>/i, `<head>\n    ${boot}`));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        errorPage(res, err.status, 'Не удалось открыть настройки коннектора', err.code === 'user_token_refused' ? 'Битрикс24 не подтвердил пользователя. Откройте настройки коннектора снова.' : 'Запрос не от портала, на котором установлено приложение.');
      }
    });
}

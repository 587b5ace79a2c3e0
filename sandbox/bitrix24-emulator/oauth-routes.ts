import { Router } from 'express';
import { readParams, bodyParsers } from './rest-routes.js';
import type { Runtime } from './runtime.js';

/**
 * The OAuth server (`<server_endpoint host>/oauth/token/`, GET or POST, form or query): refresh tokens
 * rotate on every use and are single-use; a reused one is `invalid_grant`.
 */
export function oauthRoutes(rt: Runtime): Router {
  const router = Router();
  router.use(bodyParsers());
  router.use((req, res) => {
    const { params } = readParams(req);
    const fail = (status: number, error: string, description: string) => res.status(status).json({ error, error_description: description });
    const app = rt.portal.state.app;
    if (params.client_id !== app.clientId || params.client_secret !== app.clientSecret || !app.installed) {
      return fail(401, 'invalid_client', 'Invalid client credentials or the application is not installed');
    }
    if (params.grant_type !== 'refresh_token') return fail(400, 'invalid_request', 'grant_type must be refresh_token');
    const token = typeof params.refresh_token === 'string' ? params.refresh_token : '';
    const entry = rt.portal.state.tokens.refresh[token];
    if (!entry || entry.used || entry.expiresAt <= rt.portal.now()) return fail(400, 'invalid_grant', 'Invalid grant');
    entry.used = true;
    const tokens = rt.portal.issueTokens(entry.userId, true);
    res.json({
      access_token: tokens.accessToken,
      expires: tokens.expires,
      expires_in: tokens.expiresIn,
      scope: app.scope.join(','),
      domain: rt.portal.domain,
      server_endpoint: rt.portal.serverEndpoint,
      status: 'L',
      client_endpoint: rt.portal.clientEndpoint,
      member_id: rt.portal.state.memberId,
      user_id: entry.userId,
      refresh_token: tokens.refreshToken,
    });
  });
  return router;
}

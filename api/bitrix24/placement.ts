import { Router } from 'express';
import { rec, str, trustedPortal } from './trust.js';

/**
 * `POST /bitrix24/placement`: the connector settings page Bitrix24 opens in a slider (SETTING_CONNECTOR,
 * bound through `imconnector.register`). Only a request with the portal's application token gets the
 * settings app; the short-lived session for the viewing user (§8 "Authenticating the iframe") is the
 * settings-app issue's, so the app asks for the admin token until then.
 */
export function placementRoutes(): Router {
  return Router().post('/', async (req, res) => {
    const body = rec(req.body);
    await trustedPortal(str(body.member_id), str(body.APPLICATION_TOKEN));
    // Framed by the portal: no X-Frame-Options here (§8 "Framing").
    res.redirect(303, '/app/');
  });
}

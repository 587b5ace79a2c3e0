import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { PortalModel } from '../../storage/models/portal.js';
import type { PortalScope } from '../connectors/service.js';
import { AppError, unauthorized } from '../errors.js';
import { findUiSession, type UiSessionIdentity } from './ui-session.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Who is calling the management API: the self-hosted admin, or a Bitrix24 user through a placement session. */
export type ApiCaller = { kind: 'admin' } | ({ kind: 'portal_user' } & UiSessionIdentity);

const CALLER = 'apiCaller';

export function callerOf(res: Response): ApiCaller {
  const caller = res.locals[CALLER] as ApiCaller | undefined;
  if (!caller) throw unauthorized();
  return caller;
}

/** The portal a caller is confined to; undefined for the admin token, which sees everything. */
export function scopeOf(res: Response): PortalScope | undefined {
  const caller = callerOf(res);
  return caller.kind === 'admin' ? undefined : { memberId: caller.memberId };
}

/** Bearer-token guard of the management API; compares digests so timing says nothing about the token. */
export function requireAdminToken(adminApiToken: string): RequestHandler {
  const expected = digest(adminApiToken);
  return (req, _res, next) => {
    const match = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) throw unauthorized();
    next();
  };
}

/**
 * The management API's guard: `Authorization: Bearer <ADMIN_API_TOKEN>` (everything), or the bearer
 * session token the Bitrix24 placement issued (that portal's connectors only, see scopeOf). A session
 * of a portal that uninstalled the app, or of a user who is not a portal admin, is refused.
 */
export function requireApiCaller(adminApiToken: string): RequestHandler {
  const expected = digest(adminApiToken);
  return async (req, res, next) => {
    const match = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    const token = match?.[1];
    if (!token) throw unauthorized();
    if (timingSafeEqual(digest(token), expected)) {
      res.locals[CALLER] = { kind: 'admin' } satisfies ApiCaller;
      next();
      return;
    }
    const session = await findUiSession(token);
    if (!session) throw unauthorized();
    if (!(await PortalModel.exists({ _id: session.memberId, uninstalledAt: null }))) throw unauthorized();
    if (!session.admin) throw new AppError(403, 'forbidden', 'only the portal\'s administrators manage connectors');
    res.locals[CALLER] = { kind: 'portal_user', ...session } satisfies ApiCaller;
    next();
  };
}

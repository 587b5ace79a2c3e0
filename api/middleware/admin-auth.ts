import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { unauthorized } from '../errors.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Bearer-token guard of the management API; compares digests so timing says nothing about the token. */
export function requireAdminToken(adminApiToken: string): RequestHandler {
  const expected = digest(adminApiToken);
  return (req, _res, next) => {
    const match = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) throw unauthorized();
    next();
  };
}

import { timingSafeEqual } from 'node:crypto';
import { PortalModel, type PortalDocument } from '../../storage/models/portal.js';
import { AppError } from '../errors.js';

/** A form-encoded Bitrix24 body after PHP-bracket parsing: nested records of strings. */
export type FormBody = Record<string, unknown>;

export const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
export const rec = (value: unknown): FormBody => (value && typeof value === 'object' && !Array.isArray(value) ? (value as FormBody) : {});

export const wrongToken = () => new AppError(401, 'wrong_application_token', 'the application token does not match this portal');

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * §2.3: a request claiming to come from a portal must carry the application token stored for its
 * member_id. Anything else (unknown portal, missing or wrong token) is a 401 before anything is stored.
 */
export async function trustedPortal(memberId: string | undefined, applicationToken: string | undefined): Promise<PortalDocument> {
  if (!memberId || !applicationToken) throw wrongToken();
  const portal = await PortalModel.findById(memberId).lean<PortalDocument>();
  if (!portal || !same(portal.applicationToken, applicationToken)) throw wrongToken();
  return portal;
}

/** Events, robot and SMS calls carry `auth[member_id]` and `auth[application_token]`. */
export function trustedEventSender(body: FormBody): Promise<PortalDocument> {
  const auth = rec(body.auth);
  return trustedPortal(str(auth.member_id), str(auth.application_token));
}

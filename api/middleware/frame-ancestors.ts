import type { RequestHandler } from 'express';
import { PortalModel } from '../../storage/models/portal.js';

/**
 * Bitrix24's cloud domains. CSP host sources take a wildcard only in the leftmost label, so each
 * zone is listed (`https://*.bitrix24.*` is not valid CSP).
 */
export const BITRIX24_CLOUD_ZONES = [
  'bitrix24.ru', 'bitrix24.com', 'bitrix24.de', 'bitrix24.eu', 'bitrix24.es', 'bitrix24.fr', 'bitrix24.it', 'bitrix24.pl',
  'bitrix24.uk', 'bitrix24.by', 'bitrix24.kz', 'bitrix24.ua', 'bitrix24.in', 'bitrix24.jp', 'bitrix24.cn', 'bitrix24.id',
  'bitrix24.vn', 'bitrix24.co', 'bitrix24.com.br', 'bitrix24.com.tr', 'bitrix24.mx', 'bitrix24.site', 'bitrix24.shop',
];

function originOf(url: string): string | undefined {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * `Content-Security-Policy: frame-ancestors …` for the pages Bitrix24 frames (the settings app and the
 * placement page, §8 "Framing"): the app's own origin, every Bitrix24 cloud zone, the origins of the
 * installed portals (self-hosted boxes and, in the sandbox, the emulator, whose client endpoints they
 * are) and `extra` origins. No X-Frame-Options: it cannot name several origins, and DENY would hide
 * the app inside Bitrix24.
 */
export function allowBitrix24Framing(extra: string[] = []): RequestHandler {
  // Read on every request (a handful of portals): a portal that just installed the app is framed at once.
  async function policy(): Promise<string> {
    const portals = await PortalModel.find({ uninstalledAt: null }, { clientEndpoint: 1, domain: 1 }).lean<Array<{ clientEndpoint: string; domain: string }>>();
    const portalOrigins = portals.flatMap((p) => [originOf(p.clientEndpoint), originOf(`https://${p.domain}`)]);
    const sources = new Set(["'self'", ...BITRIX24_CLOUD_ZONES.map((zone) => `https://*.${zone}`), ...portalOrigins, ...extra.map(originOf)].filter((s): s is string => !!s));
    return `frame-ancestors ${[...sources].join(' ')}`;
  }

  return async (_req, res, next) => {
    res.removeHeader('X-Frame-Options');
    res.setHeader('Content-Security-Policy', await policy());
    next();
  };
}

/**
 * The sandbox emulator's origin (BITRIX24_EMULATOR_URL) under both names of the loopback host, since a
 * browser may open the emulator as localhost or 127.0.0.1 and CSP compares host names literally.
 */
export function emulatorFrameAncestors(emulatorUrl: string | undefined): string[] {
  const origin = emulatorUrl ? originOf(emulatorUrl) : undefined;
  if (!origin) return [];
  const url = new URL(origin);
  const alias = url.hostname === '127.0.0.1' ? 'localhost' : url.hostname === 'localhost' ? '127.0.0.1' : undefined;
  if (!alias) return [origin];
  url.hostname = alias;
  return [origin, url.origin];
}

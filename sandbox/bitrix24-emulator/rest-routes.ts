import express, { Router, type Request } from 'express';
import { runBatch } from './batch.js';
import { errors } from './errors.js';
import { errorOutcome, identify, logCall, runMethod, success, withoutTransportKeys, type Caller } from './invoke.js';
import { parsePhpForm } from './php-form.js';
import type { Runtime } from './runtime.js';

const BODY_LIMIT = '50mb';

/** The body as a portal reads it: JSON, or a PHP-style form (parsed by the emulator, not by qs). */
export function bodyParsers() {
  return [express.json({ limit: BODY_LIMIT }), express.text({ type: 'application/x-www-form-urlencoded', limit: BODY_LIMIT })];
}

export function readParams(req: Request): { params: Record<string, unknown>; transport: 'json' | 'form' | 'query' } {
  const queryString = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  const query = parsePhpForm(queryString);
  if (typeof req.body === 'string') return { params: { ...query, ...parsePhpForm(req.body) }, transport: 'form' };
  if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) return { params: { ...query, ...(req.body as Record<string, unknown>) }, transport: 'json' };
  return { params: query, transport: 'query' };
}

/** `/rest/{method}[.json]` (OAuth, `auth` in body or query) and `/rest/{userId}/{code}/{method}` (webhook). */
function route(path: string, auth: unknown): { method: string; caller: Caller } | undefined {
  const segments = path.split('/').filter(Boolean);
  const name = (segments[segments.length - 1] ?? '').replace(/\.json$/i, '').toLowerCase();
  if (segments.length === 1) return { method: name, caller: { kind: 'oauth', token: typeof auth === 'string' && auth !== '' ? auth : undefined } };
  if (segments.length === 3 && /^\d+$/.test(segments[0] ?? '')) return { method: name, caller: { kind: 'webhook', userId: Number(segments[0]), code: segments[1] ?? '' } };
  return undefined;
}

export function restRoutes(rt: Runtime): Router {
  const router = Router();
  router.use(bodyParsers());
  router.use(async (req, res) => {
    const started = rt.portal.now();
    const { params: raw, transport } = readParams(req);
    const target = route(req.path, raw.auth);
    const params = withoutTransportKeys(raw);
    let outcome: { status: number; body: Record<string, unknown> };
    let userId: number | undefined;
    try {
      if (!target) throw errors.methodNotFound();
      const fault = rt.portal.faults.take(target.method);
      if (fault) throw fault;
      const who = identify(rt, target.caller);
      userId = who.userId;
      rt.portal.bucket.take(rt.portal.now(), rt.portal.config.rate);
      const result = target.method === 'batch' ? await runBatch(rt, params, who) : await runMethod(rt, target.method, params, who);
      outcome = { status: 200, body: success(rt, result, started).body };
    } catch (err) {
      outcome = errorOutcome(err);
      if (outcome.status === 500) rt.portal.options.logger?.error({ err, method: target?.method }, 'REST method failed');
    }
    logCall(rt, {
      method: target?.method ?? req.path,
      params,
      transport,
      auth: target ? (target.caller.kind === 'oauth' ? (target.caller.token ? 'oauth' : 'none') : 'webhook') : 'none',
      userId,
      status: outcome.status,
      ...(outcome.status !== 200 && { error: String(outcome.body.error) }),
    });
    res.status(outcome.status).json(outcome.body);
  });
  return router;
}

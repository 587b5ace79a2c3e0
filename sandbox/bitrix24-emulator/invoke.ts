import { timeBlock, successBody, type TimeBlock } from './envelope.js';
import { errors, RestError } from './errors.js';
import type { CallContext } from './methods/define.js';
import type { Runtime } from './runtime.js';
import type { CallRecord } from './state.js';
import { validateParams, withoutTransportKeys } from './validate.js';

const CALL_LOG_LIMIT = 5000;

export type Caller = { kind: 'oauth'; token: string | undefined } | { kind: 'webhook'; userId: number; code: string };

export interface CallOutcome {
  status: number;
  body: Record<string, unknown>;
}

/** Who is calling: the user of a valid OAuth token or webhook, or the 401 a portal answers. */
export function identify(rt: Runtime, caller: Caller): { userId: number; auth: 'oauth' | 'webhook' } {
  if (caller.kind === 'oauth') return { userId: rt.portal.authenticate(caller.token), auth: 'oauth' };
  const hook = rt.portal.state.webhooks[caller.code];
  if (!hook || hook.userId !== caller.userId) throw errors.noAuth();
  return { userId: caller.userId, auth: 'webhook' };
}

/** Runs one method for an identified caller: scope, app context, admin rights, params, then the method. */
export async function runMethod(rt: Runtime, name: string, raw: Record<string, unknown>, who: { userId: number; auth: 'oauth' | 'webhook' }): Promise<unknown> {
  const def = rt.methods[name];
  if (!def) throw errors.methodNotFound();
  if (def.scope !== 'basic' && who.auth === 'oauth') {
    const scopes = rt.portal.state.app.scope;
    const granted = scopes.includes(def.scope) || (def.scope === 'user' && scopes.includes('user_brief'));
    if (!granted) throw errors.insufficientScope();
  }
  if (who.auth === 'webhook' && def.appContext) {
    throw def.appContext === 'WRONG_AUTH_TYPE' ? errors.wrongAuthType() : errors.accessDenied('Application context required');
  }
  if (def.admin && !rt.portal.user(who.userId)?.admin) throw errors.accessDenied('Access denied! Admin rights required');
  const params = validateParams(def, raw, name);
  const ctx: CallContext = { portal: rt.portal, events: rt.events, runtime: rt, method: name, userId: who.userId, auth: who.auth };
  return def.run(params as never, ctx);
}

/** Adds a call to the log the contract test reads: method, params as sent (without the token), answer. */
export function logCall(rt: Runtime, entry: Omit<CallRecord, 'id' | 'at'>): void {
  const log = rt.portal.state.callLog;
  log.push({ id: rt.portal.nextId('call'), at: rt.portal.now(), ...entry });
  if (log.length > CALL_LOG_LIMIT) log.splice(0, log.length - CALL_LOG_LIMIT);
  rt.portal.changed();
}

export function errorOutcome(err: unknown): CallOutcome {
  if (err instanceof RestError) return { status: err.status, body: err.body };
  return { status: 500, body: errors.internal().body };
}

export function success(rt: Runtime, result: unknown, started: number): { body: Record<string, unknown>; time: TimeBlock } {
  const time = timeBlock(started, rt.portal.now(), rt.portal.options.utcOffsetMinutes ?? 180);
  return { body: successBody(result, time), time };
}

export { withoutTransportKeys };

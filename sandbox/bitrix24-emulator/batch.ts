import { z } from 'zod';
import { Paged } from './envelope.js';
import { errors, RestError } from './errors.js';
import { errorOutcome, logCall, runMethod, success } from './invoke.js';
import { flag, map } from './methods/params.js';
import { parsePhpForm } from './php-form.js';
import type { Runtime } from './runtime.js';

export const BATCH_LIMIT = 50;
const params = z.strictObject({
  cmd: z.union([z.array(z.string()), map(z.string())]),
  halt: flag.optional(),
});

/** A PHP array as json_encode prints it: `[]` when empty, a list when keyed 0..n-1, else a map. */
function phpJson(entries: Array<[string, unknown]>): unknown {
  if (entries.length === 0) return [];
  if (entries.every(([key], i) => key === String(i))) return entries.map(([, value]) => value);
  return Object.fromEntries(entries);
}

const REFERENCE = /\$result\[([^\]]+)\]((?:\[[^\]]*\])*)/g;

/** Replaces `$result[key][FIELD][0]` in a command's params with what earlier commands returned. */
function substitute(value: unknown, results: Map<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, results));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]));
  if (typeof value !== 'string' || !value.includes('$result[')) return value;
  const resolve = (key: string, path: string) => {
    let node: unknown = results.get(key);
    for (const [, part] of path.matchAll(/\[([^\]]*)\]/g)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part ?? ''] : undefined;
    return node;
  };
  const whole = /^\$result\[([^\]]+)\]((?:\[[^\]]*\])*)$/.exec(value);
  if (whole) return resolve(whole[1] ?? '', whole[2] ?? '');
  return value.replace(REFERENCE, (_m, key: string, path: string) => String(resolve(key, path) ?? ''));
}

/** `batch`: up to 50 `method?query` commands run as the caller, answered in one 200 (costs 1 in the bucket). */
export async function runBatch(rt: Runtime, raw: Record<string, unknown>, who: { userId: number; auth: 'oauth' | 'webhook' }): Promise<unknown> {
  const parsed = params.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v])));
  if (!parsed.success) {
    const unknown = parsed.error.issues.find((i) => i.code === 'unrecognized_keys');
    throw errors.argument(unknown && unknown.code === 'unrecognized_keys' ? `Argument '${unknown.keys[0]}' is not a documented parameter of batch` : "Argument 'cmd' is null or empty");
  }
  const commands: Array<[string, string]> = Array.isArray(parsed.data.cmd) ? parsed.data.cmd.map((c, i) => [String(i), c]) : Object.entries(parsed.data.cmd);
  if (commands.length > BATCH_LIMIT) throw new RestError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded');
  const split = commands.map(([key, command]) => {
    const q = command.indexOf('?');
    const name = (q === -1 ? command : command.slice(0, q)).trim().replace(/\.json$/, '').toLowerCase();
    return { key, name, query: q === -1 ? '' : command.slice(q + 1) };
  });
  if (split.some((c) => c.name === 'batch')) throw new RestError(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage');

  const results = new Map<string, unknown>();
  const out = { result: [] as Array<[string, unknown]>, error: [] as Array<[string, unknown]>, total: [] as Array<[string, unknown]>, next: [] as Array<[string, unknown]>, time: [] as Array<[string, unknown]> };
  for (const { key, name, query } of split) {
    const started = rt.portal.now();
    const cmdParams = substitute(parsePhpForm(query), results) as Record<string, unknown>;
    try {
      const result = await runMethod(rt, name, cmdParams, who);
      const { time } = success(rt, result, started);
      const value = result instanceof Paged ? result.rows : result;
      results.set(key, value);
      out.result.push([key, value]);
      if (result instanceof Paged && result.total !== undefined) out.total.push([key, result.total]);
      if (result instanceof Paged && result.next !== undefined) out.next.push([key, result.next]);
      out.time.push([key, time]);
      logCall(rt, { method: name, params: cmdParams, transport: 'query', auth: who.auth, userId: who.userId, status: 200, batch: key });
    } catch (err) {
      const { status, body } = errorOutcome(err);
      out.error.push([key, body]);
      logCall(rt, { method: name, params: cmdParams, transport: 'query', auth: who.auth, userId: who.userId, status, error: String(body.error), batch: key });
      if (parsed.data.halt) break;
    }
  }
  return {
    result: phpJson(out.result),
    result_error: phpJson(out.error),
    result_total: phpJson(out.total),
    result_next: phpJson(out.next),
    result_time: phpJson(out.time),
  };
}

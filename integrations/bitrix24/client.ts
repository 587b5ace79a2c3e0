import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../lib/logger.js';
import { Bitrix24Error } from './errors.js';
import { NON_IDEMPOTENT, undocumentedParams, type Bitrix24Method } from './methods.js';
import { phpQuery } from './php-query.js';
import { portalBucket, type LeakyBucket } from './rate-limit.js';
import { loadAccess, refreshAccess, type OAuthApp, type PortalAccess } from './tokens.js';

export interface Bitrix24ClientOptions {
  memberId: string;
  encryptionKey: Buffer;
  oauth: OAuthApp;
  logger?: Logger;
  fetch?: typeof fetch;
  /** Default: the process-wide bucket of this portal. */
  bucket?: LeakyBucket;
  /** Attempts per call before the error goes to the caller (a Temporal activity retries further). */
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  /**
   * The cancellation of the work a call is made for (a Temporal activity's), read at each call. Once it
   * fires the call stops waiting (for the rate bucket, a backoff, another process's token refresh) and
   * fails with a `cancelled` error that counts as nothing processed, so the caller releases its claims
   * and Temporal retries the whole activity. A worker shutdown cancels its activities this way; a
   * retry loop that ignored it would hold the shutdown until it is forced.
   */
  cancellation?: () => AbortSignal | undefined;
}

export type Params = Record<string, unknown>;
type BatchCommands = Record<string, [Bitrix24Method, Params]>;

export interface BatchResult {
  result: Record<string, unknown>;
  errors: Record<string, { error: string; error_description?: string }>;
}

const defaultBackoff = (attempt: number) => Math.min(8000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);

const cancelledCall = (method: string) => new Bitrix24Error(method, 0, 'cancelled', 'the call was cancelled before the portal answered', true);

/**
 * A small typed REST client for one portal, used from orchestrator activities (and the api's read-only
 * lines list). It posts JSON to `client_endpoint + method` with the stored admin token, paces calls
 * through the portal's leaky bucket, refreshes the token lazily on `expired_token` (one refresh at a
 * time across processes, see tokens.ts), and retries:
 * - idempotent calls on throttling, 5xx and network errors, with backoff;
 * - non-idempotent calls (NON_IDEMPOTENT) only on answers proving nothing was processed: 503
 *   QUERY_LIMIT_EXCEEDED, 401 expired_token, connection refused.
 * We chose this over `@bitrix24/b24jssdk`: the SDK would bring axios and luxon for the same few
 * features, and its refresh merges concurrent refreshes only inside one process.
 */
export function createBitrix24Client(options: Bitrix24ClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const bucket = options.bucket ?? portalBucket(options.memberId);
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff = options.backoffMs ?? defaultBackoff;
  let access: PortalAccess | undefined;

  /** One request; `abort` (given for idempotent methods only) abandons it in flight. */
  async function post(method: string, params: Params, token: PortalAccess, abort: AbortSignal | undefined): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchImpl(`${token.clientEndpoint}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...params, auth: token.accessToken }),
        signal: abort,
      });
    } catch (err) {
      if (abort?.aborted) throw cancelledCall(method);
      const cause = (err as { cause?: { code?: string } }).cause;
      throw new Bitrix24Error(method, 0, cause?.code ?? 'network', String(err), cause?.code === 'ECONNREFUSED');
    }
    const body = (await response.json().catch(() => undefined)) as { result?: unknown; error?: string; error_description?: string } | undefined;
    if (!body && abort?.aborted) throw cancelledCall(method);
    if (!response.ok || !body || body.error) {
      throw new Bitrix24Error(method, response.status, body?.error ?? `http_${response.status}`, body?.error_description);
    }
    return body.result;
  }

  async function call<T = unknown>(method: Bitrix24Method, params: Params = {}): Promise<T> {
    const unknownParams = undocumentedParams(method, params);
    if (unknownParams.length > 0) throw new Error(`${method}: parameters not in the reference: ${unknownParams.join(', ')}`);
    const idempotent = !NON_IDEMPOTENT.has(method);
    const signal = options.cancellation?.();
    /** Waiting is where a cancelled call stops: nothing of this attempt has reached the portal. */
    const unlessCancelled = async <R>(wait: Promise<R>): Promise<R> => {
      try {
        return await wait;
      } catch (err) {
        if (signal?.aborted && (err === signal.reason || (err as { name?: string }).name === 'AbortError')) throw cancelledCall(method);
        throw err;
      }
    };
    for (let attempt = 0; ; attempt++) {
      access ??= await loadAccess(options.memberId, options.encryptionKey);
      try {
        await unlessCancelled(bucket.take(signal));
        // An idempotent request abandoned in flight costs nothing: its repeat is harmless. A
        // non-idempotent one runs to its answer, or nobody would know whether the portal acted on it.
        return (await post(method, params, access, idempotent ? signal : undefined)) as T;
      } catch (err) {
        if (!(err instanceof Bitrix24Error) || err.cancelled || attempt + 1 >= maxAttempts) throw err;
        if (err.expiredToken) {
          access = await unlessCancelled(refreshAccess(access, options.encryptionKey, options.oauth, fetchImpl, signal));
          continue;
        }
        const retry = idempotent ? err.transient : err.nothingProcessed;
        if (!retry) throw err;
        options.logger?.debug({ method, code: err.code, attempt }, 'Bitrix24 call retried');
        await unlessCancelled(sleep(backoff(attempt), undefined, { signal }));
      }
    }
  }

  return {
    memberId: options.memberId,
    call,

    /**
     * Up to 50 commands for the price of one request (§1.5). Failed commands come back in `errors`,
     * not as a throw; only idempotent methods belong here.
     */
    async batch(commands: BatchCommands): Promise<BatchResult> {
      const cmd: Record<string, string> = {};
      for (const [key, [method, params]] of Object.entries(commands)) {
        if (NON_IDEMPOTENT.has(method)) throw new Error(`${method} is not idempotent; call it on its own`);
        const unknownParams = undocumentedParams(method, params);
        if (unknownParams.length > 0) throw new Error(`${method}: parameters not in the reference: ${unknownParams.join(', ')}`);
        cmd[key] = `${method}?${phpQuery(params)}`;
      }
      const answer = await call<{ result?: Record<string, unknown> | []; result_error?: BatchResult['errors'] | [] }>('batch', { halt: 0, cmd });
      const asMap = <V>(value: Record<string, V> | [] | undefined) => (Array.isArray(value) || !value ? {} : value);
      return { result: asMap(answer.result), errors: asMap(answer.result_error) };
    },
  };
}

export type Bitrix24Client = ReturnType<typeof createBitrix24Client>;

/**
 * One call with a token that is not (yet) stored, to learn whether the portal at `clientEndpoint`
 * accepts it: the install handler's proof that tokens it was handed are genuine.
 */
export async function probeToken(clientEndpoint: string, method: 'profile' | 'app.info', accessToken: string, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetchImpl(`${clientEndpoint}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: accessToken }),
    });
    const body = (await response.json().catch(() => undefined)) as { result?: unknown; error?: string } | undefined;
    return response.ok && !!body && body.error === undefined && body.result !== undefined;
  } catch {
    return false;
  }
}

/**
 * One call made with a user's own token (a placement's `AUTH_ID`, §8) on the portal's stored client
 * endpoint: no stored token, no refresh, no retries. Resolves to the `result`, or undefined when the
 * portal refuses the token or cannot be reached.
 */
export async function callAsUser<T = unknown>(clientEndpoint: string, method: 'profile', accessToken: string, fetchImpl: typeof fetch = fetch): Promise<T | undefined> {
  try {
    const response = await fetchImpl(`${clientEndpoint}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ auth: accessToken }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => undefined)) as { result?: T; error?: string } | undefined;
    return response.ok && body && body.error === undefined ? body.result : undefined;
  } catch {
    return undefined;
  }
}

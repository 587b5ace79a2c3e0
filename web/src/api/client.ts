import { getSession, rejectToken } from './session.js';

/**
 * A failed api call. `status` is the HTTP status, or 0 when no answer came (network down,
 * api not running); `body` is the parsed JSON answer, or null when there was none.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly body: unknown,
    options?: ErrorOptions,
  ) {
    super(status === 0 ? 'No answer from the api' : `The api answered ${status}`, options);
  }

  /** The api's machine-readable `error` field (e.g. `line_taken`), if any. */
  get code(): string | undefined {
    return stringField(this.body, 'error');
  }
}

export function stringField(body: unknown, field: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(field in body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Overrides the session's token (used to check a token before signing in with it). */
  token?: string;
  signal?: AbortSignal;
}

/** Calls the management api (`path` starts with `/api/`) and returns its JSON answer. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const session = getSession();
  const token = options.token ?? (session.status === 'signed_in' ? session.token : undefined);
  const headers = new Headers({ Accept: 'application/json' });
  if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, null, { cause: error });
  }

  const body = await readJson(response);
  if (response.ok) return body as T;
  if (response.status === 401 && options.token === undefined && token !== undefined) rejectToken(token);
  throw new ApiError(response.status, body);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

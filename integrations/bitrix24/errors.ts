/** An answer from a Bitrix24 portal (or its OAuth server) that is not a success; codes as in §1.3 of the reference. */
export class Bitrix24Error extends Error {
  override readonly name = 'Bitrix24Error';

  constructor(
    readonly method: string,
    /** HTTP status; 0 when no answer came (network). */
    readonly status: number,
    readonly code: string,
    readonly description = '',
    /** The request never reached the portal (connection refused, DNS): certainly not processed. */
    readonly notSent = false,
  ) {
    super(`${method}: ${status || 'no answer'} ${code}${description ? ` (${description})` : ''}`);
  }

  /** The caller's work was cancelled before the portal answered (see the client's `cancellation`). */
  get cancelled(): boolean {
    return this.code === 'cancelled';
  }

  get expiredToken(): boolean {
    return this.status === 401 && (this.code === 'expired_token' || this.code === 'invalid_token');
  }

  /** Bitrix24 asked us to slow down: the rate bucket (503) or the method's time budget (429). */
  get throttled(): boolean {
    return this.code === 'QUERY_LIMIT_EXCEEDED' || this.code === 'OPERATION_TIME_LIMIT' || this.code === 'OVERLOAD_LIMIT';
  }

  /**
   * The portal certainly did not act on the request, so even a non-idempotent call may be repeated:
   * the rate limit (checked before the method runs), an expired token, or a connection never made.
   */
  get nothingProcessed(): boolean {
    return this.notSent || this.expiredToken || this.code === 'QUERY_LIMIT_EXCEEDED';
  }

  /** Worth repeating an idempotent call: throttling, server trouble, or no answer at all. */
  get transient(): boolean {
    return this.throttled || this.status === 0 || this.status >= 500;
  }
}

/** The refresh token is spent or revoked (`invalid_grant`): only a new install or authorization helps. */
export class Bitrix24AuthorizationLost extends Error {
  override readonly name = 'Bitrix24AuthorizationLost';
}

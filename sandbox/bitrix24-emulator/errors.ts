/** A REST failure as Bitrix24 answers it: `{error, error_description}` with a non-2xx status. */
export class RestError extends Error {
  override readonly name = 'RestError';

  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(`${code}: ${description}`);
  }

  get body(): { error: string; error_description: string } {
    return { error: this.code, error_description: this.description };
  }
}

export const errors = {
  noAuth: () => new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data'),
  invalidToken: () => new RestError(401, 'invalid_token', 'The access token provided is invalid.'),
  expiredToken: () => new RestError(401, 'expired_token', 'The access token provided has expired.'),
  insufficientScope: () => new RestError(403, 'insufficient_scope', 'The request requires higher privileges than provided by the access token'),
  accessDenied: (text = 'Access denied!') => new RestError(403, 'ACCESS_DENIED', text),
  wrongAuthType: () => new RestError(403, 'WRONG_AUTH_TYPE', 'Current authorization type is denied for this method'),
  methodNotFound: () => new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'),
  argument: (text: string) => new RestError(400, 'ERROR_ARGUMENT', text),
  queryLimit: () => new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'),
  operationTimeLimit: () => new RestError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.'),
  internal: () => new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'),
  /** A method-specific validation failure (the classic methods answer those with 400). */
  invalid: (code: string, text: string) => new RestError(400, code, text),
};

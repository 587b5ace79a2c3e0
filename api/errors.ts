import { isGrpcServiceError } from '@temporalio/client';
import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import type { Logger } from '../lib/logger.js';

/** An error the api expects and answers with its status; anything else is a 500 and is logged. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message = code,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const unauthorized = () => new AppError(401, 'unauthorized', 'a valid bearer token is required');

/** 422 with one message per field path, as the settings form shows them. */
export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    fields[path] ??= issue.message;
  }
  return new AppError(422, 'invalid_request', 'the request is not valid', { fields });
}

/** Parses a request body with a shared schema; bad input never reaches a handler. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof AppError) {
      res.status(err.status).json({ error: err.code, message: err.message, ...err.details });
      return;
    }
    if (isBodyParserError(err)) {
      res.status(400).json({ error: 'invalid_json', message: 'the body is not valid JSON' });
      return;
    }
    if (isTemporalUnreachable(err)) {
      logger.warn({ method: req.method, path: req.path }, 'Temporal is unreachable');
      res.status(503).set('retry-after', '5').json({ error: 'temporal_unavailable', message: 'the Temporal server is unreachable; nothing was changed, try again shortly' });
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal_error', message: 'something went wrong; see the server log' });
  };
}

const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;

/** The Temporal client gave up reaching its server (down, restarting, or too slow to answer). */
export function isTemporalUnreachable(err: unknown): boolean {
  for (let cause = err; cause; cause = (cause as { cause?: unknown }).cause) {
    if (isGrpcServiceError(cause) && (cause.code === UNAVAILABLE || cause.code === DEADLINE_EXCEEDED)) return true;
  }
  return false;
}

function isBodyParserError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: string }).type === 'entity.parse.failed';
}

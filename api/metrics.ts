import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the api process: Node's defaults plus request counts and latencies by route. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'olbridge_' });
  const requests = new Counter({
    name: 'olbridge_http_requests_total',
    help: 'HTTP requests answered by the api',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'olbridge_http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['method', 'route'] as const,
    registers: [registry],
  });

  const middleware: RequestHandler = (req, res, next) => {
    const stop = latency.startTimer();
    res.on('finish', () => {
      // The matched route pattern, not the raw path, keeps ids out of label values.
      const route = (req.route as { path?: string } | undefined)?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      stop({ method: req.method, route });
    });
    next();
  };

  const endpoint: RequestHandler = async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };

  return { registry, middleware, endpoint };
}

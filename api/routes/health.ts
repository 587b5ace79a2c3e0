import { Router } from 'express';

export interface HealthChecks {
  temporal: () => Promise<boolean>;
  database: () => Promise<boolean>;
}

async function probe(check: () => Promise<boolean>): Promise<'ok' | 'unreachable'> {
  try {
    return (await check()) ? 'ok' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

/** `/healthz`: 200 when Temporal and the database both answer, 503 naming the one that does not. */
export function healthRoutes(checks: HealthChecks): Router {
  return Router().get('/healthz', async (_req, res) => {
    const [temporal, database] = await Promise.all([probe(checks.temporal), probe(checks.database)]);
    const ok = temporal === 'ok' && database === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', temporal, database });
  });
}

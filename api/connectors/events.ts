import type { Request, Response } from 'express';
import type { ConnectorStatus } from '../../domain/connector-state.js';
import { ConnectorModel, type ConnectorDocument } from '../../storage/models/connector.js';
import { connectorView, type ConnectorService } from './service.js';

const POLL_MS = 400;
const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events of one connector: state, QR and restriction changes. MongoDB is polled (change
 * streams are not available on every supported database); 400 ms keeps a rotated QR on screen within
 * a second of WhatsApp offering it.
 */
export async function streamConnectorEvents(connectors: ConnectorService, id: string, req: Request, res: Response): Promise<void> {
  let last = JSON.stringify(await connectors.view(id));
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write(`event: connector\ndata: ${last}\n\n`);

  let closed = false;
  const poll = setInterval(() => {
    void snapshot(connectors, id).then(
      (next) => {
        const text = JSON.stringify(next);
        if (closed || text === last) return;
        last = text;
        res.write(`event: connector\ndata: ${text}\n\n`);
      },
      () => undefined,
    );
  }, POLL_MS);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
  req.on('close', () => {
    closed = true;
    clearInterval(poll);
    clearInterval(keepAlive);
  });
}

/** The view from the status the workflow last published, without querying the workflow every poll. */
async function snapshot(connectors: ConnectorService, id: string) {
  const doc = await ConnectorModel.findById(id).lean<ConnectorDocument>();
  const published = doc?.status as ConnectorStatus | null | undefined;
  if (!doc || !published?.state) return connectors.view(id);
  return connectorView(doc, published);
}

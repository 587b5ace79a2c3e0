import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from './client.js';
import { connectorPath, storeConnector, type Connector } from './connectors.js';
import { readEventStream } from './eventStream.js';
import { rejectToken, useSession } from './session.js';

export type LiveStatus = 'connecting' | 'live' | 'retrying';

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/**
 * Keeps the connector's cached view live from `GET /connectors/:id/events` (state, QR rotation,
 * restrictions): each `connector` event replaces the view. A dropped stream is reopened with a
 * growing pause; a refused token ends the session.
 */
export function useConnectorEvents(id: string): LiveStatus {
  const queryClient = useQueryClient();
  const session = useSession();
  const token = session.status === 'signed_in' ? session.token : undefined;
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    if (token === undefined) return;
    const controller = new AbortController();
    let failures = 0;

    const run = async () => {
      while (!controller.signal.aborted) {
        try {
          await readEventStream(connectorPath(id, '/events'), {
            token,
            signal: controller.signal,
            onOpen: () => {
              failures = 0;
              setStatus('live');
            },
            onEvent: ({ event, data }) => {
              if (event === 'connector') storeConnector(queryClient, JSON.parse(data) as Connector);
            },
          });
        } catch (error) {
          if (controller.signal.aborted) return;
          if (error instanceof ApiError && error.status === 401) return rejectToken(token);
          if (error instanceof ApiError && error.status === 404) return;
        }
        setStatus('retrying');
        const pause = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    };
    void run();
    return () => {
      controller.abort();
    };
  }, [id, token, queryClient]);

  return status;
}

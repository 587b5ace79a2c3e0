import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client.js';

/** The connector states of the api contract (docs: "Connector states"). */
export type ConnectorState = 'pairing' | 'qr_timeout' | 'connected' | 'reconnecting' | 'conflict' | 'expired';

/** A connector as `GET /api/v1/connectors` lists it. */
export interface Connector {
  id: string;
  name: string;
  state: ConnectorState;
  /** Why the current state was entered, e.g. `logged_out_from_phone`. */
  lastError?: string;
  /** E.164. */
  phone?: string;
  /** The bound open line; null when the line was unbound in Bitrix24. */
  lineId: string | null;
  /** ISO date after which the connector is `expired`. */
  activeUntil?: string;
}

export const connectorKeys = {
  all: ['connectors'] as const,
  list: () => [...connectorKeys.all, 'list'] as const,
};

const BASE = '/api/v1/connectors';

export function fetchConnectors(options: { token?: string; signal?: AbortSignal } = {}): Promise<Connector[]> {
  return apiRequest<Connector[]>(BASE, options);
}

export function useConnectors() {
  return useQuery({
    queryKey: connectorKeys.list(),
    queryFn: ({ signal }) => fetchConnectors({ signal }),
  });
}

export function useCreateConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiRequest<Connector>(BASE, { method: 'POST', body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectorKeys.all }),
  });
}

interface Rename {
  id: string;
  name: string;
}

/** Renames at once in the cache; puts the old name back if the api refuses. */
export function useRenameConnector() {
  const queryClient = useQueryClient();
  const setName = (id: string, name: string) =>
    queryClient.setQueryData<Connector[]>(connectorKeys.list(), (list) =>
      list?.map((connector) => (connector.id === id ? { ...connector, name } : connector)),
    );

  return useMutation({
    mutationFn: ({ id, name }: Rename) =>
      apiRequest<Connector>(`${BASE}/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } }),
    onMutate: async ({ id, name }: Rename) => {
      await queryClient.cancelQueries({ queryKey: connectorKeys.list() });
      const previousName = queryClient
        .getQueryData<Connector[]>(connectorKeys.list())
        ?.find((connector) => connector.id === id)?.name;
      setName(id, name);
      return { previousName };
    },
    onError: (_error, { id }, context) => {
      if (context?.previousName !== undefined) setName(id, context.previousName);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectorKeys.all }),
  });
}

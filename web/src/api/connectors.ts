import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ConnectorState, Restriction } from '../../../domain/connector-state.js';
import { apiRequest } from './client.js';

export type { ConnectorState, Restriction };

/** A connector as the management api shows it (`GET /api/v1/connectors[/:id]` and the events stream). */
export interface Connector {
  id: string;
  name: string;
  state: ConnectorState;
  /** Why the current state was entered, e.g. `logged_out_from_phone`. */
  lastError?: string;
  /** Present while WhatsApp restricts the account and sending is paused. */
  restriction?: Restriction;
  /** E.164. */
  phone?: string;
  /** The member_id of the connector's Bitrix24 portal, whose open line `lineId` is; null until a portal claims it. */
  portal: string | null;
  /** The bound open line; null when the line was unbound in Bitrix24. */
  lineId: number | string | null;
  /** ISO date after which the connector is `expired`. */
  activeUntil?: string;
  /** While pairing: the string WhatsApp encodes in the QR, a PNG of it, and when it rotates. */
  qr?: string;
  qrDataUrl?: string;
  qrExpiresAt?: string;
}

export const connectorKeys = {
  all: ['connectors'] as const,
  list: () => [...connectorKeys.all, 'list'] as const,
  detail: (id: string) => [...connectorKeys.all, 'detail', id] as const,
};

const BASE = '/api/v1/connectors';
export const connectorPath = (id: string, rest = '') => `${BASE}/${encodeURIComponent(id)}${rest}`;

export function fetchConnectors(options: { token?: string; signal?: AbortSignal } = {}): Promise<Connector[]> {
  return apiRequest<Connector[]>(BASE, options);
}

export function useConnectors() {
  return useQuery({
    queryKey: connectorKeys.list(),
    queryFn: ({ signal }) => fetchConnectors({ signal }),
  });
}

export function useConnector(id: string) {
  return useQuery({
    queryKey: connectorKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<Connector>(connectorPath(id), { signal }),
  });
}

/** Puts a fresh view of a connector into both the detail and the list cache. */
export function storeConnector(queryClient: QueryClient, view: Connector): void {
  queryClient.setQueryData(connectorKeys.detail(view.id), view);
  queryClient.setQueryData<Connector[]>(connectorKeys.list(), (list) =>
    list?.map((connector) => (connector.id === view.id ? view : connector)),
  );
}

export interface NewConnector {
  name: string;
  /** The portal's member_id; needed when several portals are installed. */
  portal?: string;
  /** The open line to activate the connector on at once; absent = no line yet. */
  lineId?: number;
}

export function useCreateConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, portal, lineId }: NewConnector) =>
      apiRequest<Connector>(BASE, { method: 'POST', body: { name, ...(portal !== undefined && { portal }), ...(lineId !== undefined && { lineId }) } }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: connectorKeys.list() }),
        queryClient.invalidateQueries({ queryKey: ['lines'] }),
      ]);
    },
  });
}

/** Binds the connector to an open line (`null` unbinds); a line held by another connector is a 409 `line_taken`. */
export function useBindLine(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lineId: number | null) => apiRequest<Connector>(connectorPath(id), { method: 'PATCH', body: { lineId } }),
    onSuccess: (view) => {
      storeConnector(queryClient, view);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['lines'] }),
  });
}

interface Rename {
  id: string;
  name: string;
}

/** Renames at once in the cache; puts the old name back if the api refuses. */
export function useRenameConnector() {
  const queryClient = useQueryClient();
  const setName = (id: string, name: string) => {
    queryClient.setQueryData<Connector[]>(connectorKeys.list(), (list) =>
      list?.map((connector) => (connector.id === id ? { ...connector, name } : connector)),
    );
    queryClient.setQueryData<Connector>(connectorKeys.detail(id), (view) => view && { ...view, name });
  };

  return useMutation({
    mutationFn: ({ id, name }: Rename) => apiRequest<Connector>(connectorPath(id), { method: 'PATCH', body: { name } }),
    onMutate: async ({ id, name }: Rename) => {
      await queryClient.cancelQueries({ queryKey: connectorKeys.all });
      const previousName =
        queryClient.getQueryData<Connector>(connectorKeys.detail(id))?.name ??
        queryClient.getQueryData<Connector[]>(connectorKeys.list())?.find((connector) => connector.id === id)?.name;
      setName(id, name);
      return { previousName };
    },
    onError: (_error, { id }, context) => {
      if (context?.previousName !== undefined) setName(id, context.previousName);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectorKeys.all }),
  });
}

/** The connection actions of the api contract; each answers with the connector's new view. */
export type ConnectorAction = 'qr' | 'reconnect' | 'disconnect';

export function useConnectorAction(id: string, action: ConnectorAction) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<Connector>(connectorPath(id, `/${action}`), { method: 'POST' }),
    onSuccess: (view) => {
      storeConnector(queryClient, view);
    },
  });
}

/** Sets the date until which the connector works (`null`: no end); a past date expires it at once, a later one resumes it. */
export function useSetActiveUntil(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (activeUntil: string | null) =>
      apiRequest<Connector>(connectorPath(id, '/active-until'), { method: 'PUT', body: { activeUntil } }),
    onSuccess: (view) => {
      storeConnector(queryClient, view);
    },
  });
}

/** Asks WhatsApp for a code to type on the phone instead of scanning the QR. */
export function usePairingCode(id: string) {
  return useMutation({
    mutationFn: (phone: string) =>
      apiRequest<{ code: string }>(connectorPath(id, '/pairing-code'), { method: 'POST', body: { phone } }),
  });
}

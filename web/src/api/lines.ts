import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client.js';

/** An open line of the portal (`GET /api/v1/lines`); `connectorId` is null while the line is free. */
export interface OpenLine {
  id: number;
  name: string;
  active: boolean;
  connectorId: string | null;
}

export const lineKeys = {
  all: ['lines'] as const,
  of: (portal: string | undefined) => [...lineKeys.all, portal ?? 'default'] as const,
};

/**
 * The open lines of `portal` (a member_id). Left out, the api's portal: inside Bitrix24 the session's,
 * standalone the only installed one; with none or several the query fails. `null` asks nothing (a
 * connector no portal has claimed yet). Without lines the pickers stay hidden.
 */
export function useLines(portal?: string | null) {
  return useQuery({
    queryKey: lineKeys.of(portal ?? undefined),
    queryFn: ({ signal }) => apiRequest<OpenLine[]>(portal ? `/api/v1/lines?portal=${encodeURIComponent(portal)}` : '/api/v1/lines', { signal }),
    enabled: portal !== null,
    retry: false,
    staleTime: 10_000,
  });
}

/** How a line is named in a picker: its name, or its number when it has none. */
export const lineLabel = (line: Pick<OpenLine, 'id' | 'name'>) => (line.name.trim() === '' ? `#${line.id}` : `${line.name} (#${line.id})`);

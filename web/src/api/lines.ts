import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client.js';

/** An open line of the portal (`GET /api/v1/lines`); `connectorId` is null while the line is free. */
export interface OpenLine {
  id: number;
  name: string;
  active: boolean;
  connectorId: string | null;
}

export const lineKeys = { all: ['lines'] as const };

/**
 * The portal's open lines. Inside Bitrix24 the session's portal; standalone, the only installed portal.
 * Without one (no portal installed the app, or several) the query fails and the line pickers stay hidden.
 */
export function useLines() {
  return useQuery({
    queryKey: lineKeys.all,
    queryFn: ({ signal }) => apiRequest<OpenLine[]>('/api/v1/lines', { signal }),
    retry: false,
    staleTime: 10_000,
  });
}

/** How a line is named in a picker: its name, or its number when it has none. */
export const lineLabel = (line: Pick<OpenLine, 'id' | 'name'>) => (line.name.trim() === '' ? `#${line.id}` : `${line.name} (#${line.id})`);

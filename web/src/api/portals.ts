import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client.js';

/** A Bitrix24 portal that has the app installed (`GET /api/v1/portals`). */
export interface InstalledPortal {
  memberId: string;
  domain: string;
}

export const portalKeys = { all: ['portals'] as const };

/**
 * The installed portals, by domain. Inside Bitrix24 only the session's own; standalone every one, and
 * with several the admin says which portal a new connector belongs to.
 */
export function usePortals() {
  return useQuery({
    queryKey: portalKeys.all,
    queryFn: ({ signal }) => apiRequest<InstalledPortal[]>('/api/v1/portals', { signal }),
    staleTime: 60_000,
  });
}

/** The portals to choose among, when there is a choice: several installed. */
export function portalChoice(portals: InstalledPortal[] | undefined): InstalledPortal[] | undefined {
  return portals !== undefined && portals.length > 1 ? portals : undefined;
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { settingsSchema, type ConnectorSettings } from '../../../domain/settings.js';
import { ApiError, apiRequest } from './client.js';
import { connectorKeys, connectorPath } from './connectors.js';

export type { ConnectorSettings };

/** Field path (as the api's 422 names it, e.g. `intervals.sendMs`) → message. */
export type FieldErrors = Record<string, string>;

export const settingsKey = (id: string) => [...connectorKeys.all, 'settings', id] as const;

export function useSettings(id: string) {
  return useQuery({
    queryKey: settingsKey(id),
    queryFn: ({ signal }) => apiRequest<ConnectorSettings>(connectorPath(id, '/settings'), { signal }),
  });
}

/** Checks a settings document with the api's own schema; the paths match the api's 422 `fields`. */
export function validateSettings(settings: ConnectorSettings): FieldErrors {
  const parsed = settingsSchema.safeParse(settings);
  const fields: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || '(body)'] ??= issue.message;
  }
  return fields;
}

/** The `fields` of a 422 answer, or none. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || error.status !== 422) return {};
  const fields = typeof error.body === 'object' && error.body !== null ? (error.body as { fields?: unknown }).fields : undefined;
  if (typeof fields !== 'object' || fields === null) return {};
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [path, String(message)]));
}

export interface SettingsChange {
  /** Applied to the newest settings when the save runs, so queued changes never undo each other. */
  change: (settings: ConnectorSettings) => ConnectorSettings;
  /** Show the change before the api confirms it (switches); forms wait for the answer instead. */
  optimistic?: boolean;
}

/**
 * Saves the settings document (`PUT` replaces it whole). Saves of one connector run one at a time,
 * each on top of the previous, so two quick toggles both land. An optimistic change is undone if the
 * api refuses it, and the document is then read again.
 */
export function useSaveSettings(id: string) {
  const queryClient = useQueryClient();
  const key = settingsKey(id);
  return useMutation({
    mutationKey: settingsKey(id),
    scope: { id: `settings:${id}` },
    mutationFn: async ({ change }: SettingsChange) => {
      const latest = queryClient.getQueryData<ConnectorSettings>(key);
      if (latest === undefined) throw new Error('the settings are not loaded yet');
      return apiRequest<ConnectorSettings>(connectorPath(id, '/settings'), { method: 'PUT', body: change(latest) });
    },
    onMutate: async ({ change, optimistic }: SettingsChange) => {
      if (!optimistic) return { previous: undefined };
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<ConnectorSettings>(key);
      if (previous !== undefined) queryClient.setQueryData(key, change(previous));
      return { previous };
    },
    onSuccess: (saved) => {
      // While later changes wait in the queue, the cache already shows them; the last save lands it all.
      if (queryClient.isMutating({ mutationKey: key }) <= 1) queryClient.setQueryData(key, saved);
    },
    onError: async (_error, _change, context) => {
      if (context?.previous !== undefined) {
        queryClient.setQueryData(key, context.previous);
        await queryClient.invalidateQueries({ queryKey: key });
      }
    },
  });
}

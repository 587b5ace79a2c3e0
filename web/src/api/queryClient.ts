import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.js';
import { getSession, subscribeSession } from './session.js';

const MAX_RETRIES = 2;

/** Errors the api will answer the same way again (4xx) are not retried. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

/** The app's query client; what it caches belongs to the session and is dropped on sign-out. */
export function createQueryClient(): QueryClient {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry },
      mutations: { retry: false },
    },
  });
  subscribeSession(() => {
    if (getSession().status === 'signed_out') queryClient.clear();
  });
  return queryClient;
}

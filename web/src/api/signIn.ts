import { useMutation, useQueryClient } from '@tanstack/react-query';
import { connectorKeys, fetchConnectors } from './connectors.js';
import { signInStandalone } from './session.js';

/** Checks a pasted admin token against the api, then signs in with it. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => ({ token, connectors: await fetchConnectors({ token }) }),
    onSuccess: ({ token, connectors }) => {
      queryClient.setQueryData(connectorKeys.list(), connectors);
      signInStandalone(token);
    },
  });
}

import { hostTaskQueue } from '../../workflows/constants.js';

/**
 * Activities of one session-host process. `announceHost` tells a workflow which queue reaches this
 * process, so the activities that must run next to a socket (send, presence, logout) are routed there.
 */
export function createHostActivities(hostId: string) {
  return {
    async announceHost(): Promise<{ hostId: string; taskQueue: string }> {
      return { hostId, taskQueue: hostTaskQueue(hostId) };
    },
  };
}

export type HostActivities = ReturnType<typeof createHostActivities>;

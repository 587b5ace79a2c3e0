import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { SessionOutcome, SessionReport, SessionReportBody } from '../../domain/session.js';
import type { Logger } from '../../lib/logger.js';
import type { AuthStore, TransportEvent, TransportFactory } from '../../integrations/whatsapp/transport.js';
import { hostTaskQueue } from '../../workflows/constants.js';
import type { SendAttempt } from '../../domain/outbound.js';
import { changeSentMessage, type ChangeOutcome } from '../outbound/host-change.js';
import { sendStoredMessage } from '../outbound/host-send.js';
import { LiveSession } from './live-session.js';
import { releaseLease, renewLease, tryAcquireLease, type Lease } from './lease.js';

export interface SessionHostDeps {
  hostId: string;
  transportFactory: TransportFactory;
  authStore: (connectorId: string) => AuthStore;
  /** Delivers a session report to the connector's workflow (a signal). */
  report: (connectorId: string, report: SessionReport) => Promise<void>;
  onTraffic?: (connectorId: string, event: TransportEvent) => void;
  logger: Logger;
  leaseTtlMs?: number;
  leaseRenewMs?: number;
}

const DEFAULT_LEASE_TTL_MS = 30_000;
const DEFAULT_LEASE_RENEW_MS = 5_000;

/**
 * The session host's activities. `holdSession` runs on the shared sessions queue for as long as the
 * account is connected; the others run on this host's own queue, next to the sockets it holds.
 */
export function createHostActivities(deps: SessionHostDeps) {
  const sessions = new Map<string, LiveSession>();
  const ttlMs = deps.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  const renewMs = deps.leaseRenewMs ?? DEFAULT_LEASE_RENEW_MS;
  const taskQueue = hostTaskQueue(deps.hostId);

  const live = (connectorId: string): LiveSession => {
    const session = sessions.get(connectorId);
    if (!session) throw ApplicationFailure.nonRetryable(`no live session for ${connectorId} on this host`, 'NoLiveSession');
    return session;
  };

  /** Waits for the lease, heartbeating so the workflow can still cancel us while we wait. */
  async function acquire(connectorId: string): Promise<Lease> {
    const context = Context.current();
    for (;;) {
      const lease = await tryAcquireLease(connectorId, deps.hostId, ttlMs);
      if (lease) return lease;
      context.heartbeat({ waitingForLease: true });
      await context.sleep(1000);
    }
  }

  return {
    async announceHost(): Promise<{ hostId: string; taskQueue: string }> {
      return { hostId: deps.hostId, taskQueue };
    },

    /**
     * Holds the account's socket until the session ends by itself (outcome) or the workflow cancels it.
     * Exactly one socket per account: the socket opens only under the lease and closes as soon as the
     * lease is lost, the heartbeat is refused, or the activity is cancelled.
     */
    async holdSession(input: { connectorId: string; epoch: number; showOnline: boolean }): Promise<SessionOutcome | undefined> {
      const context = Context.current();
      const logger = deps.logger.child({ connectorId: input.connectorId, epoch: input.epoch });
      const lease = await acquire(input.connectorId);
      const report = (body: SessionReportBody) => deps.report(input.connectorId, { ...body, epoch: input.epoch } as SessionReport);
      const session = new LiveSession({
        connectorId: input.connectorId,
        showOnline: input.showOnline,
        transportFactory: deps.transportFactory,
        auth: deps.authStore(input.connectorId),
        logger,
        report,
        onTraffic: deps.onTraffic && ((event) => deps.onTraffic!(input.connectorId, event)),
      });
      sessions.set(input.connectorId, session);
      let leaseLost = false;
      const keepAlive = setInterval(() => {
        // Without the lease we must not look alive: Temporal then retries the session elsewhere.
        if (leaseLost) return;
        context.heartbeat();
        renewLease(lease, ttlMs).then(
          (held) => {
            if (held) return;
            leaseLost = true;
            logger.warn('socket lease lost; closing the socket');
            void session.stop();
          },
          (err: unknown) => logger.warn({ err }, 'lease renewal failed'),
        );
      }, renewMs);
      try {
        await report({ kind: 'started', hostQueue: taskQueue });
        const outcome = await Promise.race([session.run(), context.cancelled]);
        if (leaseLost) throw ApplicationFailure.retryable('the socket lease was taken over', 'LeaseLost');
        return outcome;
      } finally {
        clearInterval(keepAlive);
        await session.stop();
        if (sessions.get(input.connectorId) === session) sessions.delete(input.connectorId);
        await releaseLease(lease).catch((err: unknown) => logger.warn({ err }, 'lease release failed'));
      }
    },

    async logoutSession(connectorId: string): Promise<void> {
      await live(connectorId).logout();
    },

    async requestPairingCode(connectorId: string, phone: string): Promise<string> {
      return live(connectorId).requestPairingCode(phone);
    },

    async setPresence(connectorId: string, online: boolean): Promise<void> {
      await live(connectorId).setOnline(online);
    },

    /** An operator's edit or deletion of a message we sent, on this host's socket. */
    async changeMessage(input: { connectorId: string; messageId: string; text?: string }): Promise<ChangeOutcome> {
      return changeSentMessage(sessions.get(input.connectorId)?.socket, input);
    },

    /** One attempt to send a stored message on this host's socket; heartbeats so a dead host shows quickly. */
    async sendMessage(input: { connectorId: string; messageId: string }): Promise<SendAttempt> {
      const context = Context.current();
      const beat = setInterval(() => context.heartbeat(), 2000);
      try {
        return await sendStoredMessage(sessions.get(input.connectorId)?.socket, input.messageId);
      } finally {
        clearInterval(beat);
      }
    },
  };
}

export type HostActivities = Omit<ReturnType<typeof createHostActivities>, 'holdSession'>;
export type SessionActivities = Pick<ReturnType<typeof createHostActivities>, 'holdSession'>;

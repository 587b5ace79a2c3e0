import type { FailureReason, Lane, MessageStatus } from '../../domain/message.js';
import type { AccountRoute, Claim, PacingIntervals, QueuePage } from '../../domain/outbound.js';
import type { ConnectorStatus } from '../../domain/connector-state.js';
import { settingsSchema } from '../../domain/settings.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { MessageModel } from '../../storage/models/message.js';
import { claimForSending, failAllQueued, markFailed } from '../../storage/message-status.js';

export interface OutboundActivityDeps {
  /** How long an accepted message may wait for a connected account (SEND_TTL). */
  sendTtlMs: number;
}

/**
 * Orchestrator-side activities of the outbox and send workflows. All read or move MongoDB state with
 * conditional updates, so a retry after a crash repeats nothing.
 */
export function createOutboundActivities(deps: OutboundActivityDeps) {
  async function page(connectorId: string, lane: Lane, size: number): Promise<string[]> {
    const docs = await MessageModel.find({ connectorId, status: 'queued', lane }, { _id: 1 })
      .sort({ acceptedAt: 1, _id: 1 })
      .limit(size)
      .lean<Array<{ _id: string }>>();
    return docs.map((doc) => doc._id);
  }

  return {
    /** The oldest queued ids of each lane, in acceptance order. */
    async loadQueue(connectorId: string, pageSize: number): Promise<QueuePage> {
      if (!(await ConnectorModel.exists({ _id: connectorId }))) return { regular: [], marketing: [], removed: true };
      const [regular, marketing] = await Promise.all([page(connectorId, 'regular', pageSize), page(connectorId, 'marketing', pageSize)]);
      return { regular, marketing, removed: false };
    },

    /** The connector's intervals as saved now; undefined once the connector is gone. */
    async pacingIntervals(connectorId: string): Promise<PacingIntervals | undefined> {
      const doc = await ConnectorModel.findById(connectorId, { settings: 1 }).lean<{ settings: unknown }>();
      return doc ? settingsSchema.parse(doc.settings).intervals : undefined;
    },

    async failQueued(connectorId: string, reason: FailureReason): Promise<number> {
      return failAllQueued(connectorId, reason);
    },

    /** Takes a queued message for sending; a rerun finds it `sending` and resumes it. */
    async claimMessage(messageId: string): Promise<Claim> {
      await claimForSending(messageId);
      const doc = await MessageModel.findById(messageId, { to: 1, lane: 1, status: 1, acceptedAt: 1, followUp: 1 }).lean<{
        to: string;
        lane: Lane;
        status: MessageStatus;
        acceptedAt: Date;
        followUp?: boolean;
      }>();
      if (!doc) return { kind: 'final', status: 'cancelled' };
      if (doc.status !== 'sending') return { kind: 'final', status: doc.status };
      return { kind: 'claimed', to: doc.to, lane: doc.lane, expiresAt: doc.acceptedAt.getTime() + deps.sendTtlMs, ...(doc.followUp && { followUp: true }) };
    },

    /** The account's state from the status its ConnectorWorkflow publishes to MongoDB. */
    async accountRoute(connectorId: string): Promise<AccountRoute> {
      const doc = await ConnectorModel.findById(connectorId, { status: 1 }).lean<{ status: ConnectorStatus | null }>();
      if (!doc) return { exists: false };
      const status = doc.status;
      const until = status?.restriction?.until ? Date.parse(status.restriction.until) : undefined;
      return {
        exists: true,
        state: status?.state,
        sessionHost: status?.sessionHost,
        ...(status?.restriction && { restriction: { reason: status.restriction.reason, ...(until !== undefined && { until }) } }),
      };
    },

    async failMessage(messageId: string, reason: FailureReason, detail?: string): Promise<void> {
      await markFailed(messageId, reason, detail);
    },
  };
}

export type OutboundActivities = ReturnType<typeof createOutboundActivities>;

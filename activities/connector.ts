import type { ConnectorStatus } from '../domain/connector-state.js';
import type { AuthStore } from '../integrations/whatsapp/transport.js';
import { AttentionModel } from '../storage/models/attention.js';
import { ConnectorModel } from '../storage/models/connector.js';
import { ConnectorQrModel } from '../storage/models/connector-qr.js';

export interface ConnectorActivityDeps {
  authStore: (connectorId: string) => AuthStore;
}

/** Orchestrator-side activities of the ConnectorWorkflow. Each is idempotent: a retry writes the same state. */
export function createConnectorActivities(deps: ConnectorActivityDeps) {
  return {
    /** Mirrors the workflow's status into MongoDB, where the events stream and lists read it. */
    async publishStatus(status: ConnectorStatus): Promise<void> {
      await ConnectorModel.updateOne({ _id: status.connectorId }, { $set: { status: { ...status, publishedAt: new Date() } } });
    },

    /** Forgets the WhatsApp pairing: creds, signal keys and any offered QR. */
    async clearAuthState(connectorId: string): Promise<void> {
      await deps.authStore(connectorId).clear();
      await ConnectorQrModel.deleteOne({ _id: connectorId });
    },

    /** Records that the portal's admins must be told; one open record per connector and reason. */
    async recordAttention(connectorId: string, reason: string): Promise<void> {
      await AttentionModel.updateOne({ connectorId, reason, deliveredAt: null }, { $setOnInsert: { connectorId, reason } }, { upsert: true });
    },
  };
}

export type ConnectorActivities = ReturnType<typeof createConnectorActivities>;

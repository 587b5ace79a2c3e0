import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { Bitrix24EventModel } from '../../storage/models/bitrix24-event.js';
import { clientFactory, type Bitrix24Deps } from '../bitrix24/deps.js';
import { followUp } from './follow-up.js';
import { CONNECTOR_TYPE_ID } from '../../integrations/bitrix24/app-definition.js';
import { operatorEvent, type WhatsAppChange } from './operator-events.js';
import { syncConnectorRegistrations } from './registrations.js';
import { sendRequest } from './send-requests.js';

export interface OutgoingDeps extends Bitrix24Deps {
  /** DEFAULT_PHONE_REGION: numbers robots and SMS name without a country code. */
  defaultPhoneRegion?: string;
}

/**
 * Orchestrator activities of the company → client direction that involve Bitrix24: requests taken into
 * the outbound pipeline, follow-ups reporting back, and the registrations that follow connector changes.
 */
export function createOutgoingActivities(deps: OutgoingDeps, clientFor: (memberId: string) => Bitrix24Client = clientFactory(deps)) {
  const full = { ...deps, defaultPhoneRegion: deps.defaultPhoneRegion ?? 'RU' };
  return {
    /** One look at a message's progress; every Bitrix24 step is claimed once. */
    followUp: (messageId: string) => followUp(deps, clientFor, messageId),

    /** A recorded operator event, robot run or SMS into the pipeline (idempotency keys from Bitrix24's ids). */
    async acceptBitrix24Request(recordId: string): Promise<{ changes: WhatsAppChange[] }> {
      const record = await Bitrix24EventModel.findById(recordId).lean<{ _id: string; memberId: string; event: string; data: unknown }>();
      if (!record) return { changes: [] };
      const changes = record.event === 'ROBOT' || record.event === 'SMS' ? (await sendRequest(full, clientFor, record), []) : await operatorEvent(full, clientFor, record);
      await Bitrix24EventModel.updateOne({ _id: recordId }, { $set: { status: 'accepted' } });
      return { changes };
    },

    /** §4.3: an edit made on WhatsApp is confirmed with send.status.delivery; a deletion needs nothing. */
    async confirmChange(change: WhatsAppChange): Promise<void> {
      if (change.text === undefined) return;
      await clientFor(change.memberId).call('imconnector.send.status.delivery', {
        CONNECTOR: CONNECTOR_TYPE_ID,
        LINE: change.line,
        MESSAGES: [{ im: { chat_id: change.im.chatId, message_id: change.im.messageId }, message: { id: [change.whatsappId] }, chat: { id: change.chatId } }],
      });
    },

    syncConnectorRegistrations: (connectorId: string) => syncConnectorRegistrations(deps, clientFor, connectorId),
  };
}

export type OutgoingActivities = ReturnType<typeof createOutgoingActivities>;

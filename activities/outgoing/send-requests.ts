import { AppError } from '../../api/errors.js';
import type { MessageOrigin } from '../../domain/outgoing.js';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import type { Bitrix24Deps } from '../bitrix24/deps.js';
import { outboundPipeline } from './accept.js';
import { once, robotResult } from './follow-up.js';

type Form = Record<string, unknown>;
const rec = (value: unknown): Form => (value && typeof value === 'object' ? (value as Form) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

interface SendRecord {
  _id: string;
  memberId: string;
  event: string;
  data: unknown;
}

/**
 * A recorded robot run (§6) or SMS handed to our provider (§5), accepted into the outbound pipeline
 * with the record's id as idempotency key. Robot runs and SMS from a CRM card or a business process go
 * on the regular lane; anything else reaching the provider is a CRM Marketing mailing (its `module_id`
 * is undocumented, §5), which goes on the marketing lane. The follow-up reports the outcome; a request
 * refused here (unknown connector, bad number, expired connector) is reported failed at once.
 */
export async function sendRequest(deps: Bitrix24Deps & { defaultPhoneRegion: string }, clientFor: (memberId: string) => Bitrix24Client, record: SendRecord): Promise<void> {
  const data = rec(record.data);
  const client = clientFor(record.memberId);
  if (record.event === 'ROBOT') {
    const properties = rec(data.properties);
    const eventToken = str(data.event_token);
    if (!eventToken) return;
    const origin: MessageOrigin = { source: 'robot', memberId: record.memberId, eventToken, postToChat: str(properties.create_chat) !== 'N' };
    const accepted = await accept(str(properties.connector), { to: str(properties.phone), text: str(properties.text), lane: 'regular', idempotencyKey: `robot:${record._id}` }, origin);
    if (!accepted) await once(`request:${record._id}:robot_result`, () => client.call(...robotResult(eventToken, undefined, 'failed')));
    return;
  }
  const code = str(data.code);
  const smsId = str(data.message_id);
  if (!code || !smsId) return;
  const moduleId = str(data.module_id);
  const source = moduleId === 'crm' || moduleId === 'bizproc' ? 'sms' : 'mailing';
  const origin: MessageOrigin = { source, memberId: record.memberId, sms: { code, messageId: smsId } };
  const body = { to: str(data.message_to), text: str(data.message_body), lane: source === 'sms' ? 'regular' : 'marketing', idempotencyKey: `sms:${record._id}` };
  // Sender codes are `wa_<connectorId>` (ids are lowercase already).
  if (!(await accept(code.startsWith('wa_') ? code.slice(3) : undefined, body, origin))) {
    await once(`request:${record._id}:sms_failed`, () => client.call('messageservice.message.status.update', { CODE: code, MESSAGE_ID: smsId, STATUS: 'failed' }));
  }

  /** False when the pipeline refused the message; the refusal is logged with the record. */
  async function accept(connectorId: string | undefined, body: Form, origin: MessageOrigin): Promise<boolean> {
    if (!connectorId || !(await ConnectorModel.exists({ _id: connectorId, portal: record.memberId }))) {
      deps.logger.warn({ recordId: record._id, connectorId }, 'a Bitrix24 send request names no connector of this portal');
      return false;
    }
    try {
      await outboundPipeline(deps.defaultPhoneRegion).accept(connectorId, body, origin);
      return true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      deps.logger.warn({ recordId: record._id, error: err.message, details: err.details }, 'a Bitrix24 send request was refused');
      return false;
    }
  }
}

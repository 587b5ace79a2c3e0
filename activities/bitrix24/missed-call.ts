import type { ConnectorSettings } from '../../domain/settings.js';
import { phoneVariants } from '../../domain/phone.js';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { Bitrix24Error } from '../../integrations/bitrix24/errors.js';
import { CallEventModel, type CallEventDocument } from '../../storage/models/call-event.js';
import { ContactModel } from '../../storage/models/contact.js';
import { ConnectorModel, type ConnectorDocument } from '../../storage/models/connector.js';
import { portalOf } from '../../storage/connector-portal.js';

type MissedCallSettings = ConnectorSettings['autoresponders']['missedCall'];

/** Bitrix24's entity type ids (§7). */
const LEAD = 1;
const CONTACT = 3;

export interface MissedCallTodo {
  outcome: 'created' | 'already' | 'skipped' | 'unknown';
  todoId?: number;
  /** Why nothing was created, for the chat note and ops. */
  detail?: string;
  /** The call as recorded, for the chat note. */
  call?: { outcome: string; offline: boolean };
}

/**
 * The "call the client back" to-do of one missed call (§7): the client's CRM contact or lead found by
 * phone in the shapes CRM may store it, a lead added when there is none (and the settings allow), then
 * `crm.activity.todo.add` bound to it. Progress is written to the call's record between the steps, so
 * a retry resumes: a lead once requested is looked up again rather than added twice, and a to-do whose
 * call may have reached Bitrix24 is recorded `unknown`, never created again.
 */
export async function missedCallTodo(clientFor: (memberId: string) => Bitrix24Client, callEventId: string, settings: MissedCallSettings): Promise<MissedCallTodo> {
  const call = await CallEventModel.findById(callEventId).lean<CallEventDocument>();
  if (!call) return { outcome: 'skipped', detail: 'the call record is gone' };
  const summary = { outcome: call.outcome, offline: call.offline };
  const todo = call.crm?.todo;
  if (todo === 'created') return { outcome: 'already', todoId: call.crm?.todoId ?? undefined, call: summary };
  if (todo === 'skipped' || todo === 'unknown') return { outcome: 'already', call: summary };
  if (todo === 'sending') return settle(callEventId, 'unknown', 'an earlier attempt ended without an answer; not created again', summary);
  if (!settings.createTask) return settle(callEventId, 'skipped', 'to-dos are off', summary);

  const [connector, contact] = await Promise.all([
    ConnectorModel.findById(call.connectorId).lean<ConnectorDocument>(),
    ContactModel.findById(call.contactId, { phone: 1, pushName: 1 }).lean<{ phone: string | null; pushName: string | null }>(),
  ]);
  const memberId = connector ? await portalOf(connector) : undefined;
  if (!memberId) return settle(callEventId, 'skipped', 'no Bitrix24 portal', summary);
  if (!contact?.phone) return settle(callEventId, 'skipped', 'the caller has no known phone number', summary);
  const client = clientFor(memberId);

  let owner = call.crm?.ownerId ? { typeId: call.crm.ownerTypeId!, id: call.crm.ownerId } : await findOwner(client, contact.phone);
  if (!owner && settings.createLeadIfNone && !call.crm?.leadRequested) {
    await CallEventModel.updateOne({ _id: callEventId }, { $set: { 'crm.leadRequested': true } });
    const leadId = await unlessNothingProcessed(callEventId, 'crm.leadRequested', client.call<number>('crm.lead.add', {
      fields: {
        TITLE: `WhatsApp: missed call from ${contact.phone}`,
        NAME: contact.pushName ?? contact.phone,
        PHONE: [{ VALUE: contact.phone, VALUE_TYPE: 'MOBILE' }],
        SOURCE_ID: 'CALL',
        ASSIGNED_BY_ID: settings.taskResponsibleId,
      },
    }));
    owner = { typeId: LEAD, id: Number(leadId) };
  }
  if (!owner) return settle(callEventId, 'skipped', 'no contact or lead with this phone', summary);
  await CallEventModel.updateOne({ _id: callEventId }, { $set: { 'crm.ownerTypeId': owner.typeId, 'crm.ownerId': owner.id, 'crm.todo': 'sending' } });

  const deadline = new Date(Date.now() + settings.taskDeadlineMinutes * 60_000).toISOString();
  const created = await unlessNothingProcessed(callEventId, 'crm.todo', client.call<{ id?: number }>('crm.activity.todo.add', {
    ownerTypeId: owner.typeId,
    ownerId: owner.id,
    deadline,
    title: 'Missed WhatsApp call: call back',
    description: `${contact.phone}${call.offline ? ' called while WhatsApp was offline' : call.outcome === 'rejected' ? ' (call declined)' : ''}`,
    responsibleId: settings.taskResponsibleId,
    pingOffsets: [0],
  }));
  await CallEventModel.updateOne({ _id: callEventId }, { $set: { 'crm.todo': 'created', 'crm.todoId': created?.id } });
  return { outcome: 'created', ...(created?.id && { todoId: created.id }), call: summary };
}

/** The client's contact, else lead (the first match of each kind), by any stored shape of the number. */
async function findOwner(client: Bitrix24Client, phone: string): Promise<{ typeId: number; id: number } | undefined> {
  const found = await client.call<{ CONTACT?: number[]; LEAD?: number[] } | []>('crm.duplicate.findbycomm', { type: 'PHONE', values: phoneVariants(phone) });
  if (Array.isArray(found)) return undefined;
  if (found.CONTACT?.[0]) return { typeId: CONTACT, id: Number(found.CONTACT[0]) };
  if (found.LEAD?.[0]) return { typeId: LEAD, id: Number(found.LEAD[0]) };
  return undefined;
}

/** A call that certainly did not reach Bitrix24 clears its in-flight mark, so the retry makes it again. */
async function unlessNothingProcessed<T>(callEventId: string, mark: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof Bitrix24Error && err.nothingProcessed) await CallEventModel.updateOne({ _id: callEventId }, { $unset: { [mark]: 1 } });
    throw err;
  }
}

async function settle(callEventId: string, todo: 'skipped' | 'unknown', detail: string, call: MissedCallTodo['call']): Promise<MissedCallTodo> {
  await CallEventModel.updateOne({ _id: callEventId }, { $set: { 'crm.todo': todo, 'crm.detail': detail } });
  return { outcome: todo, detail, call };
}

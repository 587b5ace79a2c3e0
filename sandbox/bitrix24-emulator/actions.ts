import { hex, newWorkflowId } from './ids.js';
import type { Runtime } from './runtime.js';
import type { DeliveredEvent, RobotRun, SmsMessage } from './state.js';

export class ActionError extends Error {
  override readonly name = 'ActionError';
}

export interface SendSmsInput {
  code: string;
  phone: string;
  text: string;
  /** Where the "SMS" comes from: a CRM card, a robot / workflow, or a CRM Marketing mailing. */
  source: 'crm' | 'bizproc' | 'mailing';
  /** The sending employee (auth[user_id]); default the installing admin. */
  userId?: number;
  /** crm: the card's entity (default a contact, id 1). */
  ownerTypeId?: number;
  ownerId?: number;
  /** mailing: the module_id to send (default the configured one, `sender`). */
  moduleId?: string;
  /** bizproc: the document the workflow runs on. */
  documentId?: [string, string, string];
}

const documentType = (id: [string, string, string]): [string, string, string] => [id[0], id[1], id[2].split('_')[0] ?? id[2]];

/** The portal sends an "SMS" through the app's provider: the §5 form POST to the sender's HANDLER. */
export async function sendSms(rt: Runtime, input: SendSmsInput): Promise<{ message: SmsMessage; delivery: DeliveredEvent }> {
  const { portal } = rt;
  if (!portal.state.app.installed) throw new ActionError('the app is not installed');
  const sender = portal.state.senders[input.code];
  if (!sender) throw new ActionError(`no SMS sender ${input.code}`);
  const userId = input.userId ?? portal.state.app.installedBy ?? 1;
  const moduleId = input.source === 'crm' ? 'crm' : input.source === 'bizproc' ? 'bizproc' : (input.moduleId ?? portal.config.mailingModuleId);
  const documentId = input.documentId ?? ['crm', 'CCrmDocumentDeal', 'DEAL_1'];
  const message: SmsMessage = { id: hex(16), code: sender.code, to: input.phone, text: input.text, moduleId, userId, sentAt: portal.now(), statuses: [] };
  portal.state.sms.push(message);
  const origin =
    input.source === 'crm'
      ? { module_id: moduleId, bindings: [{ OWNER_TYPE_ID: String(input.ownerTypeId ?? 3), OWNER_ID: String(input.ownerId ?? 1) }] }
      : input.source === 'bizproc'
        ? { module_id: moduleId, workflow_id: newWorkflowId(), document_id: documentId, document_type: documentType(documentId) }
        : { module_id: moduleId };
  const delivery = rt.events.record('SMS', sender.handler, {
    ...origin,
    properties: { phone_number: input.phone, message_text: input.text },
    type: 'SMS',
    code: sender.code,
    message_id: message.id,
    message_to: input.phone,
    message_body: input.text,
    ts: String(portal.unix()),
    auth: portal.eventAuth(userId),
  });
  await rt.events.idle();
  message.handlerAnswer = delivery.answer;
  portal.changed();
  return { message, delivery };
}

export interface RunRobotInput {
  code: string;
  properties?: Record<string, unknown>;
  documentId?: [string, string, string];
  userId?: number;
}

const eventToken = (workflowId: string) =>
  `${workflowId}|A${[0, 0, 0, 0].map(() => String(Math.floor(Math.random() * 90_000) + 10_000)).join('_')}|${hex(16)}.${hex(32)}`;

/** Property values as the queue posts them: booleans as Y/N, everything else as given. */
function propertyValues(robot: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
  const declared = (robot.PROPERTIES && typeof robot.PROPERTIES === 'object' ? robot.PROPERTIES : {}) as Record<string, Record<string, unknown>>;
  const values: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(declared)) if (prop?.Default !== undefined) values[key] = prop.Default;
  for (const [key, value] of Object.entries(given)) values[key] = typeof value === 'boolean' ? (value ? 'Y' : 'N') : value;
  return values;
}

/** A workflow reaches the app's robot: the §6 form POST to its HANDLER (auth without refresh token). */
export async function runRobot(rt: Runtime, input: RunRobotInput): Promise<{ run: RobotRun; delivery: DeliveredEvent }> {
  const { portal } = rt;
  if (!portal.state.app.installed) throw new ActionError('the app is not installed');
  const robot = portal.state.robots[input.code];
  if (!robot) throw new ActionError(`no robot ${input.code}`);
  const documentId = input.documentId ?? ['crm', 'CCrmDocumentDeal', 'DEAL_1'];
  const workflowId = newWorkflowId();
  const useSubscription = robot.fields.USE_SUBSCRIPTION !== 'N';
  const authUser = input.userId ?? (robot.fields.AUTH_USER_ID ? Number(robot.fields.AUTH_USER_ID) : (portal.state.app.installedBy ?? 1));
  const properties = propertyValues(robot.fields, input.properties ?? {});
  const run: RobotRun = { workflowId, eventToken: eventToken(workflowId), code: robot.code, documentId, properties, useSubscription, startedAt: portal.now(), log: [] };
  portal.state.robotRuns.push(run);
  const delivery = rt.events.record('ROBOT', String(robot.fields.HANDLER), {
    workflow_id: workflowId,
    code: robot.code,
    document_id: documentId,
    document_type: documentType(documentId),
    event_token: run.eventToken,
    properties,
    use_subscription: useSubscription ? 'Y' : 'N',
    timeout_duration: '0',
    ts: String(portal.unix()),
    auth: portal.eventAuth(authUser),
  });
  await rt.events.idle();
  run.handlerAnswer = delivery.answer;
  portal.changed();
  return { run, delivery };
}

/**
 * Every REST method the product calls, with the top-level parameters the reference
 * (../shared/reference/bitrix24-rest.md) documents for it. The client refuses anything else, and the
 * contract test checks what the emulator saw against this list, so a new call starts here with its
 * section of the reference.
 */
export const DOCUMENTED_METHODS = {
  // §1.5
  batch: ['cmd', 'halt'],
  // §3.2
  'event.bind': ['event', 'handler', 'auth_type', 'event_type', 'auth_connector', 'options'],
  'event.unbind': ['event', 'handler', 'auth_type', 'event_type'],
  'event.get': [],
  // §4.2
  'imconnector.register': [
    'ID', 'NAME', 'ICON', 'ICON_DISABLED', 'PLACEMENT_HANDLER', 'COMMENT', 'DEL_EXTERNAL_MESSAGES', 'EDIT_INTERNAL_MESSAGES',
    'DEL_INTERNAL_MESSAGES', 'NEWSLETTER', 'NEED_SYSTEM_MESSAGES', 'NEED_SIGNATURE', 'CHAT_GROUP',
  ],
  'imconnector.unregister': ['ID'],
  'imconnector.activate': ['CONNECTOR', 'LINE', 'ACTIVE'],
  'imconnector.status': ['CONNECTOR', 'LINE'],
  'imconnector.connector.data.set': ['CONNECTOR', 'LINE', 'DATA'],
  'imconnector.send.messages': ['CONNECTOR', 'LINE', 'MESSAGES'],
  'imconnector.update.messages': ['CONNECTOR', 'LINE', 'MESSAGES'],
  'imconnector.delete.messages': ['CONNECTOR', 'LINE', 'MESSAGES'],
  'imconnector.send.status.delivery': ['CONNECTOR', 'LINE', 'MESSAGES'],
  'imconnector.send.status.reading': ['CONNECTOR', 'LINE', 'MESSAGES'],
  // §4.5
  'imopenlines.config.list.get': ['PARAMS', 'OPTIONS'],
  // §5
  'messageservice.sender.add': ['CODE', 'TYPE', 'HANDLER', 'NAME', 'DESCRIPTION'],
  'messageservice.sender.delete': ['CODE'],
  'messageservice.sender.list': [],
  'messageservice.message.status.update': ['CODE', 'MESSAGE_ID', 'STATUS'],
  // §6
  'bizproc.robot.add': [
    'CODE', 'HANDLER', 'AUTH_USER_ID', 'NAME', 'DESCRIPTION', 'USE_SUBSCRIPTION', 'PROPERTIES', 'RETURN_PROPERTIES', 'DOCUMENT_TYPE',
    'FILTER', 'USE_PLACEMENT', 'PLACEMENT_HANDLER',
  ],
  'bizproc.robot.update': ['CODE', 'FIELDS'],
  'bizproc.event.send': ['EVENT_TOKEN', 'RETURN_VALUES', 'LOG_MESSAGE'],
  // §7
  'crm.duplicate.findbycomm': ['type', 'values', 'entity_type'],
  'crm.lead.add': ['fields', 'params'],
  'crm.activity.todo.add': ['ownerTypeId', 'ownerId', 'deadline', 'title', 'description', 'responsibleId', 'parentActivityId', 'pingOffsets', 'colorId'],
  // §8, §9
  profile: [],
  'app.info': [],
  'im.notify.system.add': ['USER_ID', 'MESSAGE', 'TAG', 'SUB_TAG', 'ATTACH'],
} as const satisfies Record<string, readonly string[]>;

export type Bitrix24Method = keyof typeof DOCUMENTED_METHODS;

/**
 * Calls that change something on every call: never replayed after an answer that might mean the portal
 * acted (a timeout, a 5xx). Only answers that prove nothing was processed allow a retry.
 */
export const NON_IDEMPOTENT: ReadonlySet<Bitrix24Method> = new Set([
  'imconnector.send.messages',
  'imconnector.update.messages',
  'imconnector.delete.messages',
  'im.notify.system.add',
  'bizproc.event.send',
  'crm.lead.add',
  'crm.activity.todo.add',
]);

/** The parameters of `params` that the reference does not document for `method` (empty = all known). */
export function undocumentedParams(method: string, params: Record<string, unknown>): string[] {
  const known = (DOCUMENTED_METHODS as Record<string, readonly string[]>)[method];
  if (!known) return Object.keys(params);
  const upper = new Set(known.map((name) => name.toUpperCase()));
  return Object.keys(params).filter((key) => key !== 'auth' && !upper.has(key.toUpperCase()));
}

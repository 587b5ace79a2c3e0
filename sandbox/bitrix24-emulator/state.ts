/**
 * Everything the emulated portal remembers, as plain JSON (so it can be written to a state file and
 * read back after a restart). Ids are numbers here and become strings where Bitrix24 prints them so.
 */
export interface User {
  id: number;
  name: string;
  lastName: string;
  email: string;
  admin: boolean;
  active: boolean;
  gender: 'M' | 'F' | '';
  departments: number[];
  userType: 'employee' | 'extranet';
  position: string;
}

export interface Department {
  id: number;
  name: string;
  sort: number;
  parent: number;
  head: number;
}

export interface Line {
  id: number;
  name: string;
  active: boolean;
  queue: number[];
  crmCreate: 'lead' | 'none';
}

export interface EventBinding {
  id: number;
  event: string;
  handler: string;
  authType: number;
  offline: boolean;
}

export interface Connector {
  id: string;
  name: string;
  placementHandler: string;
  icon: unknown;
  iconDisabled?: unknown;
  comment?: string;
  flags: Record<'DEL_EXTERNAL_MESSAGES' | 'EDIT_INTERNAL_MESSAGES' | 'DEL_INTERNAL_MESSAGES' | 'NEWSLETTER' | 'NEED_SYSTEM_MESSAGES' | 'NEED_SIGNATURE' | 'CHAT_GROUP', boolean>;
}

/** A connector on a line: `activate` and `connector.data.set` switch STATUS on; `set.error` off. */
export interface LineConnector {
  connector: string;
  line: number;
  active: boolean;
  data?: { ID?: string; URL?: string; URL_IM?: string; NAME?: string };
  error: boolean;
}

export interface ChatUser {
  externalId: string;
  name?: string;
  lastName?: string;
  phone?: string;
  email?: string;
  picture?: string;
  url?: string;
  gender?: string;
}

export interface Chat {
  id: number;
  connector: string;
  line: number;
  externalChatId: string;
  externalChatName?: string;
  externalChatUrl?: string;
  /** The Bitrix user that stands for the client ("connector user"). */
  connectorUserId: number;
  user: ChatUser;
  title: string;
  sessionId: number;
  sessionClosed: boolean;
  leadId?: number;
  contactId?: number;
}

export interface StoredFile {
  id: number;
  name: string;
  url?: string;
  type: string;
  size: number;
  mime?: string;
  /** What downloading the client's url gave (client files are fetched as Bitrix24 does). */
  download?: { status?: number; error?: string };
}

export interface ChatMessage {
  id: number;
  chatId: number;
  author: 'client' | 'system' | 'operator';
  /** The employee for operator messages (0 = system). */
  userId?: number;
  text: string;
  files: StoredFile[];
  /** The connector's ids: message.id of inbound messages, or the ids sent with send.status.delivery. */
  externalIds: string[];
  date: number;
  delivered: boolean;
  read: boolean;
  deleted: boolean;
  edited: boolean;
  /** How the message came in: a REST call, or an operator in the emulator. */
  via: 'rest' | 'operator';
}

export interface Sender {
  code: string;
  type: 'SMS';
  handler: string;
  name: unknown;
  description?: unknown;
}

export interface SmsMessage {
  id: string;
  code: string;
  to: string;
  text: string;
  moduleId: string;
  userId: number;
  sentAt: number;
  statuses: Array<{ status: string; at: number }>;
  handlerAnswer?: HandlerAnswer;
}

export interface Robot {
  code: string;
  fields: Record<string, unknown>;
}

export interface RobotRun {
  workflowId: string;
  eventToken: string;
  code: string;
  documentId: [string, string, string];
  properties: Record<string, unknown>;
  useSubscription: boolean;
  startedAt: number;
  handlerAnswer?: HandlerAnswer;
  completed?: { at: number; returnValues?: unknown; logMessage?: unknown };
  log: Array<{ at: number; message: unknown }>;
}

export interface CrmItem {
  id: number;
  fields: Record<string, unknown>;
  phones: Array<{ id: number; value: string; valueType: string }>;
  createdAt: number;
}

export interface Placement {
  placement: string;
  handler: string;
  title?: unknown;
  description?: unknown;
  groupName?: unknown;
  langAll?: unknown;
  options?: unknown;
}

export interface HandlerAnswer {
  status?: number;
  body?: string;
  error?: string;
  ms: number;
}

export interface DeliveredEvent {
  id: number;
  event: string;
  handler: string;
  at: number;
  /** What was posted, as the handler parses it (every scalar a string). */
  payload: Record<string, unknown>;
  answer?: HandlerAnswer;
}

export interface CallRecord {
  id: number;
  at: number;
  method: string;
  params: Record<string, unknown>;
  transport: 'json' | 'form' | 'query';
  auth: 'oauth' | 'webhook' | 'none';
  userId?: number;
  status: number;
  error?: string;
  batch?: string;
}

export interface EmulatorConfig {
  tokenTtlSeconds: number;
  rate: { enabled: boolean; limit: number; drainPerSecond: number };
  /** Whether send.messages with message.user_id 0 / >0 makes the portal emit OnImConnectorMessageAdd. */
  echo: { system: boolean; operator: boolean };
  /** The module_id a CRM Marketing mailing sends to the SMS handler with. */
  mailingModuleId: string;
  clockOffsetMs: number;
}

export interface PortalState {
  version: 1;
  memberId: string;
  languageId: string;
  app: {
    clientId: string;
    clientSecret: string;
    scope: string[];
    installed: boolean;
    /** installFinish called (UI installs) or an ONAPPINSTALL install: events flow only when true. */
    finished: boolean;
    applicationToken?: string;
    installedBy?: number;
    installedAt?: number;
  };
  tokens: {
    access: Record<string, { userId: number; expiresAt: number }>;
    refresh: Record<string, { userId: number; expiresAt: number; used: boolean }>;
  };
  webhooks: Record<string, { userId: number }>;
  users: User[];
  departments: Department[];
  lines: Line[];
  eventBindings: EventBinding[];
  connectors: Record<string, Connector>;
  lineConnectors: LineConnector[];
  chats: Chat[];
  messages: ChatMessage[];
  notifications: Array<{ id: number; userId: number; message: string; tag?: string; subTag?: string; attach?: unknown; at: number }>;
  senders: Record<string, Sender>;
  sms: SmsMessage[];
  robots: Record<string, Robot>;
  robotRuns: RobotRun[];
  contacts: CrmItem[];
  leads: CrmItem[];
  todos: Array<{ id: number; params: Record<string, unknown>; at: number }>;
  comments: Array<{ id: number; fields: Record<string, unknown>; at: number }>;
  placements: Placement[];
  files: StoredFile[];
  counters: Record<'binding' | 'user' | 'chat' | 'message' | 'session' | 'crm' | 'phone' | 'activity' | 'comment' | 'notify' | 'file' | 'event' | 'call', number>;
  eventLog: DeliveredEvent[];
  callLog: CallRecord[];
  config: EmulatorConfig;
}

export type CounterName = keyof PortalState['counters'];

const user = (id: number, name: string, lastName: string, admin: boolean, departments: number[], position: string): User => ({
  id,
  name,
  lastName,
  email: `user${id}@example.test`,
  admin,
  active: true,
  gender: '',
  departments,
  userType: 'employee',
  position,
});

/** A small company: an admin who installs the app, two operators, two open lines. */
export function seedState(init: { memberId: string; clientId: string; clientSecret: string; scope: string[] }): PortalState {
  return {
    version: 1,
    memberId: init.memberId,
    languageId: 'ru',
    app: { clientId: init.clientId, clientSecret: init.clientSecret, scope: init.scope, installed: false, finished: false },
    tokens: { access: {}, refresh: {} },
    webhooks: {},
    users: [
      user(1, 'Иван', 'Петров', true, [1], 'Администратор'),
      user(2, 'Anna', 'Smirnova', false, [2], 'Operator'),
      user(3, 'Олег', 'Сидоров', false, [3], 'Оператор'),
    ],
    departments: [
      { id: 1, name: 'Компания', sort: 500, parent: 0, head: 1 },
      { id: 2, name: 'Отдел продаж', sort: 500, parent: 1, head: 2 },
      { id: 3, name: 'Поддержка', sort: 500, parent: 1, head: 3 },
    ],
    lines: [
      { id: 1, name: 'Открытая линия 1', active: true, queue: [2, 3], crmCreate: 'lead' },
      { id: 2, name: 'Продажи', active: true, queue: [2], crmCreate: 'none' },
    ],
    eventBindings: [],
    connectors: {},
    lineConnectors: [],
    chats: [],
    messages: [],
    notifications: [],
    senders: {},
    sms: [],
    robots: {},
    robotRuns: [],
    contacts: [],
    leads: [],
    todos: [],
    comments: [],
    placements: [],
    files: [],
    counters: { binding: 0, user: 584, chat: 1766, message: 86496, session: 322, crm: 274, phone: 1000, activity: 998, comment: 40, notify: 0, file: 0, event: 0, call: 0 },
    eventLog: [],
    callLog: [],
    config: {
      tokenTtlSeconds: 3600,
      rate: { enabled: true, limit: 50, drainPerSecond: 2 },
      echo: { system: false, operator: true },
      mailingModuleId: 'sender',
      clockOffsetMs: 0,
    },
  };
}

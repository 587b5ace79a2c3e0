import { sendSms, runRobot, type RunRobotInput, type SendSmsInput } from './actions.js';
import { hex } from './ids.js';
import { finishInstall, installApp, uninstallApp, type InstallInput } from './install.js';
import type { FaultKind } from './limits.js';
import type { Runtime } from './runtime.js';
import type { EmulatorConfig, User } from './state.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/** What the portal looks like now: the overview page and tests read this. */
export function portalSummary(rt: Runtime) {
  const { portal } = rt;
  const s = portal.state;
  return {
    memberId: s.memberId,
    domain: portal.domain,
    clientEndpoint: portal.clientEndpoint,
    serverEndpoint: portal.serverEndpoint,
    installed: s.app.installed,
    finished: s.app.finished,
    applicationToken: s.app.applicationToken,
    installedBy: s.app.installedBy,
    clientId: s.app.clientId,
    scope: s.app.scope,
    lines: s.lines.map((line) => ({
      ...line,
      connectors: s.lineConnectors.filter((lc) => lc.line === line.id).map((lc) => ({ ...lc, status: rt.lines.status(lc.connector, lc.line) })),
    })),
    connectors: Object.values(s.connectors),
    eventBindings: s.eventBindings,
    robots: Object.values(s.robots),
    senders: Object.values(s.senders),
    placements: s.placements,
    users: s.users,
    config: s.config,
    faults: portal.faults.list(),
  };
}

/** The control API, in process: the HTTP control routes, the pages and tests all use it. */
export function createControl(rt: Runtime) {
  const { portal } = rt;
  const chatView = (id: number) => {
    const chat = rt.lines.chat(id);
    return chat && { ...chat, messages: rt.lines.messagesOf(id).map((m) => ({ ...m, files: m.files.map((f) => ({ ...f, link: rt.files.link(f) })) })) };
  };
  return {
    portal: () => portalSummary(rt),
    state: () => portal.state,
    install: (input?: InstallInput) => installApp(rt, input),
    finishInstall: () => finishInstall(rt),
    uninstall: (input?: { clean?: boolean }) => uninstallApp(rt, input),

    chats: () => portal.state.chats.map((chat) => ({ ...chat, messageCount: rt.lines.messagesOf(chat.id).length })),
    chat: chatView,
    /** An operator replies in a chat; resolves once the portal has the handler's answer to the event. */
    async reply(input: { chatId: number; userId?: number; text?: string; files?: Array<{ name: string; base64: string; mime?: string }> }) {
      const result = rt.operators.reply({ ...input, files: input.files?.map((f) => ({ name: f.name, mime: f.mime, data: Buffer.from(f.base64, 'base64') })) });
      await rt.events.idle();
      return result;
    },
    async systemMessage(input: { chatId: number; text: string }) {
      const result = rt.operators.system(input);
      await rt.events.idle();
      return result;
    },
    async edit(input: { messageId: number; text: string }) {
      const result = rt.operators.edit(input);
      await rt.events.idle();
      return result;
    },
    async remove(input: { messageId: number }) {
      const result = rt.operators.remove(input);
      await rt.events.idle();
      return result;
    },
    async closeDialog(chatId: number) {
      const chat = rt.lines.chat(chatId);
      if (!chat) throw new Error(`chat ${chatId} not found`);
      const events = rt.lines.closeDialog(chat);
      await rt.events.idle();
      return { events };
    },

    addLine(input: { name: string; crmCreate?: 'lead' | 'none' }) {
      const id = Math.max(0, ...portal.state.lines.map((l) => l.id)) + 1;
      const line = { id, name: input.name, active: true, queue: [1], crmCreate: input.crmCreate ?? 'lead' };
      portal.state.lines.push(line);
      portal.changed();
      return line;
    },
    async deleteLine(lineId: number) {
      const events = rt.lines.deleteLine(lineId);
      await rt.events.idle();
      return { events };
    },
    async turnOffConnector(input: { connector: string; line: number }) {
      const events = rt.lines.turnOff(input.connector, input.line);
      await rt.events.idle();
      return { events };
    },
    addUser(input: { name: string; lastName?: string; admin?: boolean; departments?: number[]; active?: boolean }): User {
      const user: User = {
        id: portal.nextId('user'),
        name: input.name,
        lastName: input.lastName ?? '',
        email: `user${portal.state.counters.user}@example.test`,
        admin: input.admin ?? false,
        active: input.active ?? true,
        gender: '',
        departments: input.departments ?? [1],
        userType: 'employee',
        position: '',
      };
      portal.state.users.push(user);
      portal.changed();
      return user;
    },

    sendSms: (input: SendSmsInput) => sendSms(rt, input),
    sms: () => portal.state.sms,
    runRobot: (input: RunRobotInput) => runRobot(rt, input),
    robotRuns: () => portal.state.robotRuns,

    events: (filter: { event?: string } = {}) => portal.state.eventLog.filter((e) => !filter.event || e.event === filter.event.toUpperCase()),
    calls: (filter: { method?: string } = {}) => portal.state.callLog.filter((c) => !filter.method || c.method === filter.method.toLowerCase()),
    /** Waits until every event posted so far has its answer. */
    idle: () => rt.events.idle(),

    configure(input: DeepPartial<EmulatorConfig>) {
      const config = portal.state.config;
      if (input.tokenTtlSeconds !== undefined) config.tokenTtlSeconds = input.tokenTtlSeconds;
      if (input.rate) Object.assign(config.rate, input.rate);
      if (input.echo) Object.assign(config.echo, input.echo);
      if (input.mailingModuleId !== undefined) config.mailingModuleId = input.mailingModuleId;
      if (input.rate) portal.bucket.reset();
      portal.changed();
      return config;
    },
    injectFault: (input: { method: string; kind: FaultKind; count?: number }) => portal.faults.inject(input.method, input.kind, input.count ?? 1),
    clearFaults: () => portal.faults.clear(),
    expireTokens: () => portal.expireAccessTokens(),
    /** Moves the portal's clock forward (token expiry, bucket drain) without waiting. */
    advanceClock(seconds: number) {
      portal.state.config.clockOffsetMs += seconds * 1000;
      portal.changed();
      return { now: portal.now() };
    },
    createWebhook(input: { userId?: number } = {}) {
      const code = hex(8);
      const userId = input.userId ?? 1;
      portal.state.webhooks[code] = { userId };
      portal.changed();
      return { url: `${portal.baseUrl}/rest/${userId}/${code}/` };
    },
    /** The form fields Bitrix24 POSTs to the connector's settings page (SETTING_CONNECTOR, §8). */
    placementForm(input: { connector: string; line: number; userId?: number }) {
      const connector = rt.lines.connector(input.connector);
      if (!connector) throw new Error(`connector ${input.connector} not registered`);
      const status = rt.lines.status(connector.id, input.line);
      const tokens = portal.issueTokens(input.userId ?? 1, true);
      const query = new URLSearchParams({ DOMAIN: portal.domain, PROTOCOL: portal.baseUrl.startsWith('https') ? '1' : '0', LANG: portal.state.languageId, APP_SID: hex(16) });
      return {
        action: `${connector.placementHandler}${connector.placementHandler.includes('?') ? '&' : '?'}${query}`,
        fields: {
          AUTH_ID: tokens.accessToken,
          AUTH_EXPIRES: String(tokens.expiresIn),
          REFRESH_ID: tokens.refreshToken ?? '',
          SERVER_ENDPOINT: portal.serverEndpoint,
          APPLICATION_TOKEN: portal.state.app.applicationToken ?? '',
          APPLICATION_SCOPE: portal.state.app.scope.join(','),
          member_id: portal.state.memberId,
          status: 'L',
          PLACEMENT: 'SETTING_CONNECTOR',
          PLACEMENT_OPTIONS: JSON.stringify({
            CONNECTOR: connector.id,
            LINE: String(input.line),
            STATUS: status.STATUS,
            ACTIVE_STATUS: Boolean(rt.lines.lineConnector(connector.id, input.line)?.active),
            CONNECTION_STATUS: status.CONFIGURED,
            REGISTER_STATUS: status.CONFIGURED,
            ERROR_STATUS: status.ERROR,
            URI: `/contact_center/connector/?ID=${connector.id}&IFRAME=Y&IFRAME_TYPE=SIDE_SLIDER`,
          }),
        },
      };
    },
  };
}

export type Control = ReturnType<typeof createControl>;

import type { portalSummary } from './control.js';
import type { ControlInput } from './control-schemas.js';
import type { InstallResult } from './install.js';
import type { CallRecord, Chat, ChatMessage, DeliveredEvent, EmulatorConfig, Line, RobotRun, SmsMessage, User } from './state.js';

/** A control call the emulator refused; `status` and `body` are its answer. */
export class EmulatorControlError extends Error {
  override readonly name = 'EmulatorControlError';

  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; fields?: Record<string, string> },
  ) {
    super(`${status} ${body.error ?? ''}: ${body.message ?? ''}`);
  }
}

type Emitted = { message: ChatMessage; events: DeliveredEvent[] };

/** A typed client of the emulator's control API (`<emulator>/control/...`), for tests and tools. */
export function emulatorControl(emulatorUrl: string) {
  const root = `${emulatorUrl.replace(/\/+$/, '')}/control`;
  async function request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${root}${path}`, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const payload = (await response.json()) as unknown;
    if (!response.ok) throw new EmulatorControlError(response.status, payload as EmulatorControlError['body']);
    return payload as T;
  }
  const post = <T = Record<string, never>>(path: string, body: unknown = {}) => request<T>('POST', path, body);
  const get = <T>(path: string) => request<T>('GET', path);
  const q = (name: string, value?: string) => (value ? `?${name}=${encodeURIComponent(value)}` : '');

  return {
    portal: () => get<ReturnType<typeof portalSummary>>('/portal'),
    install: (body: ControlInput<'install'> = {}) => post<InstallResult>('/install', body),
    finishInstall: () => post('/install/finish'),
    uninstall: (body: ControlInput<'uninstall'> = {}) => post<{ deliveries: DeliveredEvent[] }>('/uninstall', body),
    chats: () => get<Array<Chat & { messageCount: number }>>('/chats'),
    chat: (chatId: number) => get<Chat & { messages: Array<ChatMessage & { files: Array<{ link: string }> }> }>(`/chats/${chatId}`),
    reply: (chatId: number, body: ControlInput<'reply'>) => post<Emitted>(`/chats/${chatId}/reply`, body),
    systemMessage: (chatId: number, body: ControlInput<'system'>) => post<Emitted>(`/chats/${chatId}/system`, body),
    closeDialog: (chatId: number) => post<{ events: DeliveredEvent[] }>(`/chats/${chatId}/close`),
    edit: (messageId: number, body: ControlInput<'edit'>) => post<Emitted>(`/messages/${messageId}/edit`, body),
    remove: (messageId: number) => post<Emitted>(`/messages/${messageId}/delete`),
    addLine: (body: ControlInput<'line'>) => post<Line>('/lines', body),
    deleteLine: (lineId: number) => request<{ events: DeliveredEvent[] }>('DELETE', `/lines/${lineId}`),
    turnOffConnector: (lineId: number, body: ControlInput<'turnOff'>) => post<{ events: DeliveredEvent[] }>(`/lines/${lineId}/turn-off`, body),
    addUser: (body: ControlInput<'user'>) => post<User>('/users', body),
    placementForm: (body: ControlInput<'placement'>) => post<{ action: string; fields: Record<string, string> }>('/placement', body),
    sendSms: (body: ControlInput<'sms'>) => post<{ message: SmsMessage; delivery: DeliveredEvent }>('/sms', body),
    sms: () => get<SmsMessage[]>('/sms'),
    runRobot: (body: ControlInput<'robot'>) => post<{ run: RobotRun; delivery: DeliveredEvent }>('/robots/run', body),
    robotRuns: () => get<RobotRun[]>('/robots/runs'),
    events: (event?: string) => get<DeliveredEvent[]>(`/events${q('event', event)}`),
    calls: (method?: string) => get<CallRecord[]>(`/calls${q('method', method)}`),
    idle: () => post('/idle'),
    configure: (body: ControlInput<'config'>) => post<EmulatorConfig>('/config', body),
    injectFault: (body: ControlInput<'fault'>) => post('/faults', body),
    clearFaults: () => request('DELETE', '/faults'),
    expireTokens: () => post('/tokens/expire'),
    advanceClock: (seconds: number) => post<{ now: number }>('/clock', { advanceSeconds: seconds }),
    createWebhook: (body: ControlInput<'webhook'> = {}) => post<{ url: string }>('/webhooks', body),
  };
}

export type EmulatorControl = ReturnType<typeof emulatorControl>;

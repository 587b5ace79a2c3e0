import type { AccountView } from './account-view.js';
import type { ControlInput } from './control-schemas.js';
import { SIMULATOR_BASE_PATH } from './protocol.js';
import type { SentEntry } from './sent-log.js';
import type { SocketStats } from './sockets.js';

/** A control call the simulator refused; `status` and `body` are its answer. */
export class SimulatorControlError extends Error {
  override readonly name = 'SimulatorControlError';

  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; fields?: Record<string, string> },
  ) {
    super(`${status} ${body.error ?? ''}: ${body.message ?? ''}`);
  }
}

type Accepted = { id: string };

/** A typed client of the simulator's control API, for tests and tools that play the phones. */
export function simulatorControl(apiBaseUrl: string) {
  const root = `${apiBaseUrl.replace(/\/+$/, '')}${SIMULATOR_BASE_PATH}`;
  const of = (connectorId: string) => `/${encodeURIComponent(connectorId)}`;

  async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${root}${path}`, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const payload = (await response.json()) as unknown;
    if (!response.ok) throw new SimulatorControlError(response.status, payload as SimulatorControlError['body']);
    return payload as T;
  }
  const post = <T = Record<string, never>>(path: string, body: unknown = {}) => request<T>('POST', path, body);

  return {
    scan: (connectorId: string, body: ControlInput<'scan'>) => post<{ phone: string }>(`${of(connectorId)}/scan`, body),
    pairCode: (connectorId: string, body: ControlInput<'pairCode'>) => post<{ phone: string }>(`${of(connectorId)}/pair-code`, body),
    inbound: (connectorId: string, body: ControlInput<'inbound'>) => post<Accepted>(`${of(connectorId)}/inbound`, body),
    edit: (connectorId: string, body: ControlInput<'edit'>) => post<Accepted>(`${of(connectorId)}/edit`, body),
    revoke: (connectorId: string, body: ControlInput<'revoke'>) => post<Accepted>(`${of(connectorId)}/revoke`, body),
    call: (connectorId: string, body: ControlInput<'call'>) => post<Accepted>(`${of(connectorId)}/call`, body),
    phoneMessage: (connectorId: string, body: ControlInput<'phoneMessage'>) => post<Accepted>(`${of(connectorId)}/phone-message`, body),
    receipt: (connectorId: string, body: ControlInput<'receipt'>) => post<Accepted>(`${of(connectorId)}/receipt`, body),
    absent: (body: ControlInput<'absent'>) => post<{ phone: string }>('/absent', body),
    restrict: (connectorId: string, body: ControlInput<'restrict'>) => post<{ reason: string; until: number }>(`${of(connectorId)}/restrict`, body),
    qrTimeout: (connectorId: string) => post(`${of(connectorId)}/qr-timeout`),
    logout: (connectorId: string) => post(`${of(connectorId)}/logout`),
    conflict: (connectorId: string) => post(`${of(connectorId)}/conflict`),
    drop: (connectorId: string) => post(`${of(connectorId)}/drop`),
    sent: (connectorId: string) => request<SentEntry[]>('GET', `${of(connectorId)}/sent`),
    sockets: (connectorId: string) => request<SocketStats>('GET', `${of(connectorId)}/sockets`),
    account: (connectorId: string) => request<AccountView>('GET', of(connectorId)),
  };
}

export type SimulatorControl = ReturnType<typeof simulatorControl>;

import { encodePhpForm, parsePhpForm } from './php-form.js';
import type { Portal } from './portal.js';
import type { DeliveredEvent, HandlerAnswer } from './state.js';

const EVENT_LOG_LIMIT = 2000;
const ANSWER_TEXT_LIMIT = 4000;

/** The events a portal lets an app bind (upper case, as event.get prints them). */
export const KNOWN_EVENTS = new Set([
  'ONAPPINSTALL',
  'ONAPPUNINSTALL',
  'ONAPPUPDATE',
  'ONAPPPAYMENT',
  'ONIMCONNECTORMESSAGEADD',
  'ONIMCONNECTORMESSAGEUPDATE',
  'ONIMCONNECTORMESSAGEDELETE',
  'ONIMCONNECTORDIALOGSTART',
  'ONIMCONNECTORDIALOGFINISH',
  'ONIMCONNECTORLINEDELETE',
  'ONIMCONNECTORSTATUSDELETE',
  'ONOPENLINEMESSAGEADD',
  'ONCRMCONTACTADD',
  'ONCRMCONTACTUPDATE',
  'ONCRMLEADADD',
  'ONCRMLEADUPDATE',
  'ONCRMDEALADD',
  'ONCRMDEALUPDATE',
  'ONUSERADD',
]);

/**
 * How the portal reaches the app: form POSTs (PHP-style keys, every scalar a string) from its queue
 * server, answered or not, never retried. Each delivery is logged with the handler's answer.
 */
export class EventBus {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly portal: Portal) {}

  /** One form POST as the queue server makes it; never throws. */
  async post(url: string, payload: Record<string, unknown>): Promise<HandlerAnswer> {
    const started = Date.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Bitrix24 Webhook Engine' },
        body: encodePhpForm(payload),
        signal: AbortSignal.timeout(this.portal.options.handlerTimeoutMs ?? 10_000),
        redirect: 'manual',
      });
      const body = (await response.text()).slice(0, ANSWER_TEXT_LIMIT);
      return { status: response.status, body, ms: Date.now() - started };
    } catch (err) {
      return { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), ms: Date.now() - started };
    }
  }

  /** Tracks a background delivery so `idle()` can wait for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return work;
  }

  /** Resolves once every delivery started so far has its answer. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Whether the portal delivers events to the app now (installed, and installFinish done). */
  get open(): boolean {
    return this.portal.state.app.installed && this.portal.state.app.finished;
  }

  /**
   * Sends `event` to every online handler bound to it, in the background. `auth` replaces the usual
   * block (an access token of `userId`, no refresh token); `force` sends even when events are closed
   * (ONAPPUNINSTALL goes out while the app is being removed).
   */
  emit(event: string, data: unknown, opts: { userId?: number; auth?: Record<string, string>; force?: boolean } = {}): DeliveredEvent[] {
    const name = event.toUpperCase();
    if (!this.open && !opts.force) return [];
    const bindings = this.portal.state.eventBindings.filter((b) => b.event === name && !b.offline);
    const entries: DeliveredEvent[] = [];
    for (const binding of bindings) {
      const userId = opts.userId ?? this.portal.state.app.installedBy ?? 1;
      const payload = {
        event: name,
        event_handler_id: String(binding.id),
        data,
        ts: String(this.portal.unix()),
        auth: opts.auth ?? this.portal.eventAuth(binding.authType > 0 ? binding.authType : userId),
      };
      entries.push(this.record(name, binding.handler, payload));
    }
    return entries;
  }

  /** Logs a delivery (payload as the handler will parse it) and posts it in the background. */
  record(event: string, handler: string, payload: Record<string, unknown>): DeliveredEvent {
    const entry: DeliveredEvent = {
      id: this.portal.nextId('event'),
      event,
      handler,
      at: this.portal.now(),
      payload: parsePhpForm(encodePhpForm(payload)),
    };
    const log = this.portal.state.eventLog;
    log.push(entry);
    if (log.length > EVENT_LOG_LIMIT) log.splice(0, log.length - EVENT_LOG_LIMIT);
    this.portal.changed();
    void this.track(
      this.post(handler, payload).then((answer) => {
        entry.answer = answer;
        this.portal.changed();
      }),
    );
    return entry;
  }
}

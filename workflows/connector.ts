import { allHandlersFinished, ApplicationFailure, CancellationScope, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ConnectorStatus } from '../domain/connector-state.js';
import type { SessionOutcome } from '../domain/session.js';
import { connectorActivities, hostActivities, sessionActivities } from './activities.js';
import { afterIdleCommand, applyOutcome, applyReport, isExpired, isIdle, msUntilExpiry, needsAttention, type ConnectorCommand } from './logic/connector-status.js';
import * as messages from './messages.js';

/** Carried across continue-as-new: plain JSON with a version, so later shapes can migrate it. */
export interface ConnectorWorkflowInput {
  version: 1;
  status: ConnectorStatus;
  showOnline?: boolean;
  epoch?: number;
  /** The queue session hosts poll; tests give each run its own. */
  sessionsQueue?: string;
  /** Continue-as-new past this many history events even before the server suggests it (tests only). */
  historyLimit?: number;
}

/**
 * One long-lived workflow per connector (`connector:<connectorId>`): owns the session lifecycle, QR
 * pairing, the active-until timer and disconnect. The socket lives in a session-host activity; this
 * workflow starts it, hears its state changes by signal, and cancels it when the connector must stop.
 */
export async function connectorWorkflow(input: ConnectorWorkflowInput): Promise<void> {
  let status: ConnectorStatus = { ...input.status };
  let showOnline = input.showOnline ?? false;
  let epoch = input.epoch ?? 0;
  let removed = false;
  let published = '';
  /** Reasons the portal's admins must hear about, recorded at the next publish. */
  const attention: string[] = [];
  const commands: ConnectorCommand[] = [];
  /** Resolves an update once the main loop has carried out its command. */
  const done = new Set<ConnectorCommand>();

  const command = async (which: ConnectorCommand): Promise<ConnectorStatus> => {
    commands.push(which);
    done.delete(which);
    await condition(() => done.has(which) || removed);
    return status;
  };
  const publish = async () => {
    for (const reason of attention.splice(0)) await connectorActivities.recordAttention(status.connectorId, reason);
    const next = JSON.stringify(status);
    if (next === published) return;
    published = next;
    await connectorActivities.publishStatus(status);
  };

  setHandler(messages.connectorStatusQuery, () => status);
  setHandler(messages.renameSignal, (name) => void (status = { ...status, name }));
  setHandler(messages.removeSignal, () => void (removed = true));
  setHandler(messages.sessionReportSignal, (report) => {
    if (report.epoch !== epoch) return;
    const next = applyReport(status, report);
    if (needsAttention(status, next)) attention.push(next.lastError!);
    status = next;
  });
  setHandler(messages.settingsChangedSignal, async (change) => {
    showOnline = change.showOnline;
    // Best effort: a host that just died has no socket to update, and the next session starts with the new value.
    if (status.state === 'connected' && status.sessionHost) {
      await hostActivities(status.sessionHost).setPresence(status.connectorId, showOnline).catch(() => undefined);
    }
  });
  setHandler(messages.disconnectUpdate, () => command('disconnect'));
  setHandler(messages.reconnectUpdate, () => command('reconnect'));
  setHandler(messages.requestQrUpdate, () => command('new_qr'));
  setHandler(
    messages.setActiveUntilUpdate,
    (activeUntil) => {
      status = { ...status, activeUntil: activeUntil ?? undefined };
      return command('refresh_expiry');
    },
    { validator: (activeUntil) => assertDate(activeUntil) },
  );
  setHandler(
    messages.pairingCodeUpdate,
    async (phone) => {
      await condition(() => (status.state === 'pairing' && !!status.sessionHost) || removed, '30s');
      if (!status.sessionHost || status.state !== 'pairing') {
        throw ApplicationFailure.nonRetryable('the connector is not offering pairing right now', 'NotPairing');
      }
      return hostActivities(status.sessionHost).requestPairingCode(status.connectorId, phone);
    },
    { validator: (phone) => void (/^\+\d{8,15}$/.test(phone) || fail('phone must be E.164')) },
  );

  const finish = (which: ConnectorCommand | undefined) => which && done.add(which);

  const timeToContinueAsNew = () => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || (input.historyLimit !== undefined && info.historyLength > input.historyLimit);
  };

  while (!removed && !timeToContinueAsNew()) {
    await publish();
    if (isExpired(status.activeUntil, Date.now()) && status.state !== 'expired') {
      status = { ...status, state: 'expired', sessionHost: undefined, lastError: 'expired' };
      attention.push('expired');
      continue;
    }
    if (isIdle(status)) {
      // A conflict or QR timeout still expires at its date; an expired connector waits for a command.
      const ready = () => removed || commands.length > 0;
      if (status.state === 'expired') await condition(ready);
      else await waitFor(ready);
      const next = commands.shift();
      const after = afterIdleCommand(status, next, Date.now());
      if (after.clearAuth) await connectorActivities.clearAuthState(status.connectorId);
      status = after.status;
      finish(next);
      continue;
    }
    epoch += 1;
    const ended = await runSession();
    if (ended.outcome) {
      const next = applyOutcome(status, ended.outcome);
      status = next.status;
      if (next.attention) attention.push(next.attention);
    }
    finish(ended.command);
  }
  await condition(allHandlersFinished);
  if (removed) {
    await connectorActivities.clearAuthState(status.connectorId);
    return;
  }
  await continueAsNew<typeof connectorWorkflow>({ ...input, status, showOnline, epoch });

  /** Holds a session until it ends by itself or a command, expiry, removal or continue-as-new interrupts it. */
  async function runSession(): Promise<{ outcome?: SessionOutcome; command?: ConnectorCommand }> {
    const scope = new CancellationScope();
    let outcome: SessionOutcome | undefined;
    const session = scope.run(() => sessionActivities(input.sessionsQueue).holdSession({ connectorId: status.connectorId, epoch, showOnline }));
    session.then((o) => void (outcome = o), () => undefined);
    const interrupted = () => removed || commands.length > 0 || timeToContinueAsNew();
    const dirty = () => attention.length > 0 || JSON.stringify(status) !== published;
    for (;;) {
      const expired = !(await waitFor(() => !!outcome || interrupted() || dirty()));
      if (commands[0] === 'refresh_expiry') {
        // A new date only moves the timer; the socket stays up.
        finish(commands.shift());
        continue;
      }
      if (expired || outcome || interrupted()) break;
      await publish();
    }
    if (outcome) return { outcome };
    const next = commands.shift();
    const loggingOut = next === 'disconnect' || removed;
    if (loggingOut && status.state === 'connected' && status.sessionHost) {
      // Tell WhatsApp the device is gone; if its host is unreachable, wiping our auth state still unpairs us.
      await hostActivities(status.sessionHost).logoutSession(status.connectorId).catch(() => undefined);
    }
    scope.cancel();
    await session.catch(() => undefined);
    status = { ...status, sessionHost: undefined };
    if (next === 'disconnect') {
      await connectorActivities.clearAuthState(status.connectorId);
      status = { ...status, state: 'pairing', phone: undefined, lastError: undefined };
    }
    // Whatever the session said while being stopped (a logout we asked for ends it as logged out) is
    // the consequence of the command, not news for the admins.
    return { command: next };
  }

  /** Waits for `ready`, or until the active-until date passes (then answers false). */
  function waitFor(ready: () => boolean): Promise<boolean> {
    const ms = msUntilExpiry(status.activeUntil, Date.now());
    if (ms === 0) return Promise.resolve(false);
    return ms === undefined ? condition(ready).then(() => true) : condition(ready, ms);
  }
}

function assertDate(value: string | null): void {
  if (value !== null && Number.isNaN(Date.parse(value))) fail('activeUntil must be an ISO date or null');
}

function fail(message: string): never {
  throw ApplicationFailure.nonRetryable(message, 'InvalidArgument');
}

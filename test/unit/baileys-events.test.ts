import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { setImmediate as drained } from 'node:timers/promises';
import { Boom } from '@hapi/boom';
import {
  DisconnectReason,
  NewChatMessageCappingStatusType,
  proto,
  ReachoutTimelockEnforcementType,
  WAMessageStatus,
  type AuthenticationCreds,
  type BaileysEventMap,
  type WAMessage,
} from '@whiskeysockets/baileys';
import { loadBaileysAuth } from '../../integrations/whatsapp/baileys/auth-state.js';
import { createCallTracker } from '../../integrations/whatsapp/baileys/calls.js';
import type { CloseDecision } from '../../integrations/whatsapp/baileys/close-reason.js';
import { bindTransportEvents, OFFLINE_QUEUE_GRACE_MS, type EventBindingOptions } from '../../integrations/whatsapp/baileys/events.js';
import type { AuthStore, TransportEvent } from '../../integrations/whatsapp/transport.js';
import { createLogger } from '../../lib/logger.js';

const CLIENT = '4915112345678@s.whatsapp.net';
const NOW = 1_714_557_600_000;
const logger = createLogger('test', 'silent');

/** An AuthStore in memory whose creds writes can be held back, to watch what waits for them. */
function memoryStore() {
  const log: string[] = [];
  let release: () => void = () => {};
  let hold: Promise<void> | undefined;
  const store: AuthStore = {
    readCreds: async () => undefined,
    writeCreds: async (creds) => {
      await hold;
      log.push(`creds stored (${(creds as AuthenticationCreds).me?.id ?? 'unpaired'})`);
    },
    getKeys: async () => ({}),
    setKeys: async () => {},
    clear: async () => void log.push('auth cleared'),
  };
  const holdWrites = () => {
    hold = new Promise((resolve) => (release = resolve));
  };
  return { store, log, holdWrites, releaseWrites: () => release() };
}

async function harness(options: Partial<Pick<EventBindingOptions, 'beforeClose' | 'calls' | 'schedule'>> = {}) {
  const ev = new EventEmitter();
  const memory = memoryStore();
  const auth = await loadBaileysAuth(memory.store, logger);
  const events: TransportEvent[] = [];
  const onEvent = (event: TransportEvent) => {
    events.push(event);
    memory.log.push(`reported ${event.type}`);
  };
  const detach = bindTransportEvents({ ev, auth, calls: createCallTracker(), download: async () => Buffer.alloc(0), onEvent, logger, now: () => NOW, ...options });
  const emit = <E extends keyof BaileysEventMap>(event: E, arg: BaileysEventMap[E]) => ev.emit(event, arg);
  return { ...memory, auth, events, emit, detach };
}

/** What pair-success leaves in the creds: the signed device identity and our own JID. */
const pairedCreds = (): Partial<AuthenticationCreds> => ({
  me: { id: '4930901820:12@s.whatsapp.net', name: 'Shop' },
  account: { details: Buffer.from('details'), accountSignatureKey: Buffer.alloc(32, 1), accountSignature: Buffer.alloc(64, 2), deviceSignature: Buffer.alloc(64, 3) },
  platform: 'smba',
});

function upsert(key: WAMessage['key'], message: proto.IMessage): BaileysEventMap['messages.upsert'] {
  const info = proto.WebMessageInfo.fromObject({ message, messageTimestamp: NOW / 1000, pushName: 'Anna' }) as WAMessage;
  info.key = key;
  return { messages: [info], type: 'notify' };
}

test('the first QR expires after 60 s, each next one after 20 s', async () => {
  const { emit, events } = await harness();
  emit('connection.update', { connection: 'connecting', receivedPendingNotifications: false, qr: undefined });
  emit('connection.update', { qr: '2@first,abc,def,ghi' });
  emit('connection.update', { qr: '2@second,abc,def,ghi' });
  assert.deepEqual(events, [
    { type: 'qr', qr: '2@first,abc,def,ghi', expiresAt: NOW + 60_000 },
    { type: 'qr', qr: '2@second,abc,def,ghi', expiresAt: NOW + 20_000 },
  ]);
});

test('open reports the account\'s own phone and name from the creds', async () => {
  const { emit, events } = await harness();
  emit('creds.update', pairedCreds());
  emit('connection.update', { connection: 'open' });
  assert.deepEqual(events, [{ type: 'open', phone: '+4930901820', name: 'Shop' }]);
});

test('a creds.update is stored before the 515 close that follows pairing is reported', async () => {
  const { emit, events, log, holdWrites, releaseWrites } = await harness();
  holdWrites();
  emit('creds.update', pairedCreds());
  emit('connection.update', { isNewLogin: true, qr: undefined });
  emit('connection.update', { connection: 'close', lastDisconnect: { error: new Boom('Stream Errored (restart required)', { statusCode: DisconnectReason.restartRequired }), date: new Date(NOW) } });
  await drained();
  assert.deepEqual(events, []);
  releaseWrites();
  await drained();
  assert.deepEqual(log, ['creds stored (4930901820:12@s.whatsapp.net)', 'reported close']);
  assert.deepEqual(events, [{ type: 'close', reason: 'restart_required', code: 515, detail: 'Stream Errored (restart required)' }]);
});

test('the close decision reaches beforeClose before it is reported', async () => {
  const decisions: CloseDecision[] = [];
  const { emit, events } = await harness({ beforeClose: async (decision) => void decisions.push(decision) });
  emit('creds.update', pairedCreds());
  emit('connection.update', { connection: 'close', lastDisconnect: { error: new Boom('Connection Failure', { statusCode: 401 }), date: new Date(NOW) } });
  await drained();
  assert.deepEqual(decisions.map((decision) => decision.reason), ['logged_out']);
  assert.deepEqual(events.map((event) => event.type === 'close' && event.reason), ['logged_out']);
});

test('408 "QR refs attempts ended" is reported as the QR codes running out', async () => {
  const { emit, events } = await harness();
  emit('connection.update', { qr: '2@first' });
  emit('connection.update', { connection: 'close', lastDisconnect: { error: new Boom('QR refs attempts ended', { statusCode: DisconnectReason.timedOut }), date: new Date(NOW) } });
  await drained();
  assert.deepEqual(events.at(-1), { type: 'close', reason: 'qr_attempts_ended', code: 408, detail: 'QR refs attempts ended' });
});

test('a client\'s text in messages.upsert is reported as a message', async () => {
  const { emit, events } = await harness();
  emit('messages.upsert', upsert({ remoteJid: CLIENT, fromMe: false, id: '3EB0IN' }, { conversation: 'Hi' }));
  assert.deepEqual(events, [{ type: 'message', message: { id: '3EB0IN', from: { phone: '+4915112345678', pushName: 'Anna' }, fromMe: false, timestamp: NOW, text: 'Hi' } }]);
});

test('a group message in messages.upsert is not reported', async () => {
  const { emit, events } = await harness();
  emit('messages.upsert', upsert({ remoteJid: '120363025246125486@g.us', participant: CLIENT, fromMe: false, id: '3EB0G' }, { conversation: 'Hi all' }));
  assert.deepEqual(events, []);
});

test('read receipts in messages.update are reported', async () => {
  const { emit, events } = await harness();
  emit('messages.update', [{ key: { remoteJid: CLIENT, id: '3EB0OUT', fromMe: true }, update: { status: WAMessageStatus.READ, messageTimestamp: NOW / 1000 } }]);
  assert.deepEqual(events, [{ type: 'receipt', id: '3EB0OUT', status: 'read' }]);
});

test('a missed call is reported once, though the call events and Baileys\' stub message all tell of it', async () => {
  const { emit, events } = await harness();
  const call = { chatId: CLIENT, from: CLIENT, id: 'CALL-7', date: new Date(NOW), offline: false, isVideo: false, isGroup: false };
  emit('call', [{ ...call, status: 'offer' }]);
  emit('call', [{ ...call, status: 'timeout' }]);
  const stub = proto.WebMessageInfo.fromObject({ messageTimestamp: NOW / 1000, messageStubType: proto.WebMessageInfo.StubType.CALL_MISSED_VOICE }) as WAMessage;
  stub.key = { remoteJid: CLIENT, id: 'CALL-7', fromMe: false };
  emit('messages.upsert', { messages: [stub], type: 'notify' });
  assert.deepEqual(events, [{ type: 'call', id: 'CALL-7', from: { phone: '+4915112345678' }, outcome: 'missed', offline: false, timestamp: NOW }]);
});

test('a missed-call stub upserted as append (Baileys\' offline backlog) is reported as a call missed while offline', async () => {
  const { emit, events } = await harness();
  const stub = proto.WebMessageInfo.fromObject({ messageTimestamp: NOW / 1000, messageStubType: proto.WebMessageInfo.StubType.CALL_MISSED_VOICE }) as WAMessage;
  stub.key = { remoteJid: CLIENT, id: 'CALL-8', fromMe: false };
  emit('messages.upsert', { messages: [stub], type: 'append' });
  assert.deepEqual(events, [{ type: 'call', id: 'CALL-8', from: { phone: '+4915112345678' }, outcome: 'missed', offline: true, timestamp: NOW }]);
});

/** Timers that run only when the test lets time pass. */
function manualTimers() {
  const pending = new Set<{ run: () => void; ms: number }>();
  const schedule = (run: () => void, ms: number) => {
    const timer = { run, ms };
    pending.add(timer);
    return () => void pending.delete(timer);
  };
  const elapse = (ms: number) => {
    for (const timer of [...pending].filter((timer) => timer.ms <= ms)) {
      pending.delete(timer);
      timer.run();
    }
  };
  return { schedule, elapse };
}

/** A call that rang while we were offline, replayed by Baileys as its offer alone. */
const offlineOffer = { chatId: CLIENT, from: CLIENT, id: 'CALL-9', date: new Date(NOW - 3_600_000), offline: true, isVideo: false, isGroup: false, status: 'offer' } as const;

test('an offline offer replayed alone is reported as a missed call once the offline replay has ended and Baileys\' queue had time to drain', async () => {
  const timers = manualTimers();
  const { emit, events } = await harness({ schedule: timers.schedule });
  emit('connection.update', { connection: 'connecting', receivedPendingNotifications: false, qr: undefined });
  emit('creds.update', pairedCreds());
  emit('connection.update', { connection: 'open' });
  emit('call', [offlineOffer]);
  emit('connection.update', { receivedPendingNotifications: true });
  assert.deepEqual(events.filter((event) => event.type === 'call'), []);
  timers.elapse(OFFLINE_QUEUE_GRACE_MS);
  assert.deepEqual(events.filter((event) => event.type === 'call'), [
    { type: 'call', id: 'CALL-9', from: { phone: '+4915112345678' }, outcome: 'missed', offline: true, timestamp: NOW - 3_600_000 },
  ]);
});

test('an outcome Baileys\' offline queue hands on after the replay is said to have ended wins over the conclusion', async () => {
  const timers = manualTimers();
  const { emit, events } = await harness({ schedule: timers.schedule });
  emit('call', [offlineOffer]);
  emit('connection.update', { receivedPendingNotifications: true });
  emit('call', [{ ...offlineOffer, status: 'accept' }]);
  timers.elapse(OFFLINE_QUEUE_GRACE_MS);
  assert.deepEqual(events.map((event) => event.type === 'call' && event.outcome), ['answered']);
});

test('an offline offer left open by a socket that closed is concluded after the next socket\'s replay', async () => {
  const timers = manualTimers();
  const calls = createCallTracker();
  const first = await harness({ calls, schedule: timers.schedule });
  first.emit('call', [offlineOffer]);
  first.emit('connection.update', { receivedPendingNotifications: true });
  first.emit('connection.update', { connection: 'close', lastDisconnect: { error: new Boom('Connection Lost', { statusCode: DisconnectReason.connectionLost }), date: new Date(NOW) } });
  await drained();
  timers.elapse(OFFLINE_QUEUE_GRACE_MS);
  assert.deepEqual(first.events.map((event) => event.type), ['close']);
  const second = await harness({ calls, schedule: timers.schedule });
  second.emit('connection.update', { receivedPendingNotifications: true });
  timers.elapse(OFFLINE_QUEUE_GRACE_MS);
  assert.deepEqual(second.events.map((event) => event.type === 'call' && event.outcome), ['missed']);
});

test('a reach-out time lock in connection.update is reported as a restriction', async () => {
  const { emit, events } = await harness();
  const ends = new Date(NOW + 3_600_000);
  emit('connection.update', { reachoutTimeLock: { isActive: true, timeEnforcementEnds: ends, enforcementType: ReachoutTimelockEnforcementType.DEFAULT } });
  assert.deepEqual(events, [{ type: 'restriction', reason: 'reachout_time_lock', until: ends.getTime() }]);
});

test('a capped new-chat quota in message-capping.update is reported as a restriction', async () => {
  const { emit, events } = await harness();
  emit('message-capping.update', { capping_status: NewChatMessageCappingStatusType.CAPPED, cycle_end_timestamp: String(NOW / 1000) });
  assert.deepEqual(events, [{ type: 'restriction', reason: 'new_chat_message_cap', until: NOW }]);
});

test('a failing consumer does not throw into the emitter', async () => {
  const ev = new EventEmitter();
  const auth = await loadBaileysAuth(memoryStore().store, logger);
  const onEvent = () => {
    throw new Error('consumer broke');
  };
  bindTransportEvents({ ev, auth, calls: createCallTracker(), download: async () => Buffer.alloc(0), onEvent, logger });
  assert.doesNotThrow(() => ev.emit('connection.update', { qr: '2@first' }));
});

test('after detaching, events are no longer translated', async () => {
  const { emit, events, detach } = await harness();
  detach();
  emit('connection.update', { qr: '2@first' });
  assert.deepEqual(events, []);
});

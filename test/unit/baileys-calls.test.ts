import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proto, type WACallEvent, type WACallUpdateType, type WAMessage } from '@whiskeysockets/baileys';
import { createCallTracker } from '../../integrations/whatsapp/baileys/calls.js';

const CALLER = '4915112345678@s.whatsapp.net';
const RANG_AT = new Date('2024-05-01T10:00:00Z');

/** A `call` event item as Baileys' handleCall builds it; isVideo/isGroup are copied from the offer. */
function call(status: WACallUpdateType, overrides: Partial<WACallEvent> = {}): WACallEvent {
  return { chatId: CALLER, from: CALLER, id: 'CALL-1', date: RANG_AT, offline: false, status, isVideo: false, isGroup: false, ...overrides };
}

/** The stub Baileys upserts on a call timeout: the call id as message id, no content. */
function missedCallStub(id: string, stubType = proto.WebMessageInfo.StubType.CALL_MISSED_VOICE): WAMessage {
  const message = proto.WebMessageInfo.fromObject({ messageTimestamp: RANG_AT.getTime() / 1000, messageStubType: stubType }) as WAMessage;
  message.key = { remoteJid: CALLER, id, fromMe: false };
  return message;
}

function feed(statuses: WACallUpdateType[], tracker = createCallTracker()) {
  return statuses.map((status) => tracker.onCall(call(status))).filter((event) => event !== undefined);
}

test('an offer that times out is a missed call', () => {
  assert.deepEqual(feed(['offer', 'ringing', 'timeout']), [
    { type: 'call', id: 'CALL-1', from: { phone: '+4915112345678' }, outcome: 'missed', offline: false, timestamp: RANG_AT.getTime() },
  ]);
});

test('an offer the phone rejects is a rejected call', () => {
  assert.deepEqual(feed(['offer', 'reject', 'terminate']).map((event) => event.outcome), ['rejected']);
});

test('an offer answered on the phone is an answered call, and its later terminate is no missed call', () => {
  assert.deepEqual(feed(['offer', 'preaccept', 'accept', 'transport', 'terminate']).map((event) => event.outcome), ['answered']);
});

test('an offer the caller hangs up (terminate without accept or reject) is a missed call', () => {
  assert.deepEqual(feed(['offer', 'terminate']).map((event) => event.outcome), ['missed']);
});

test('a ringing call is not reported yet', () => {
  assert.deepEqual(feed(['offer', 'ringing', 'relaylatency']), []);
});

test('a repeated end event of the same call is reported once', () => {
  assert.equal(feed(['offer', 'timeout', 'timeout', 'terminate']).length, 1);
});

test('the missed-call stub Baileys upserts after a timeout does not report the call again', () => {
  const tracker = createCallTracker();
  feed(['offer', 'timeout'], tracker);
  assert.equal(tracker.onMissedCallStub(missedCallStub('CALL-1'), false), undefined);
});

test('a missed-call stub for a call we never saw (missed while offline) is a missed call', () => {
  const event = createCallTracker().onMissedCallStub(missedCallStub('CALL-OFFLINE', proto.WebMessageInfo.StubType.CALL_MISSED_VIDEO), true);
  assert.deepEqual(event, { type: 'call', id: 'CALL-OFFLINE', from: { phone: '+4915112345678' }, outcome: 'missed', offline: true, timestamp: RANG_AT.getTime() });
});

test('a call missed while offline, as Baileys replays it on reconnect (offline offer and timeout, then its stub as append), is one offline missed call', () => {
  const tracker = createCallTracker();
  const offline = { id: 'CALL-AWAY', offline: true };
  const reported = [tracker.onCall(call('offer', offline)), tracker.onCall(call('timeout', offline)), tracker.onMissedCallStub(missedCallStub('CALL-AWAY'), true)];
  assert.deepEqual(reported.filter((event) => event !== undefined), [
    { type: 'call', id: 'CALL-AWAY', from: { phone: '+4915112345678' }, outcome: 'missed', offline: true, timestamp: RANG_AT.getTime() },
  ]);
});

test('a group missed-call stub is ignored', () => {
  assert.equal(createCallTracker().onMissedCallStub(missedCallStub('CALL-G', proto.WebMessageInfo.StubType.CALL_MISSED_GROUP_VOICE), false), undefined);
});

test('an offline offer keeps its offline mark on the outcome', () => {
  const tracker = createCallTracker();
  tracker.onCall(call('offer', { offline: true }));
  assert.equal(tracker.onCall(call('timeout', { offline: true }))?.offline, true);
});

test('a caller known by LID is reported with the phone from callerPn', () => {
  const tracker = createCallTracker();
  const lid = '190253895659622@lid';
  tracker.onCall(call('offer', { from: lid, chatId: lid, callerPn: CALLER }));
  assert.deepEqual(tracker.onCall(call('timeout', { from: lid, chatId: lid, callerPn: CALLER }))?.from, { phone: '+4915112345678', lid });
});

test('group calls are ignored', () => {
  const tracker = createCallTracker();
  const group = { isGroup: true, groupJid: '120363025246125486@g.us' };
  tracker.onCall(call('offer', group));
  assert.equal(tracker.onCall(call('timeout', group)), undefined);
});

test('the tracker forgets its oldest calls beyond its capacity', () => {
  const tracker = createCallTracker(1);
  tracker.onCall(call('timeout', { id: 'OLD' }));
  tracker.onCall(call('timeout', { id: 'NEW' }));
  assert.equal(tracker.onMissedCallStub(missedCallStub('NEW'), false), undefined);
  assert.equal(tracker.onMissedCallStub(missedCallStub('OLD'), false)?.id, 'OLD');
});

test('an offline offer WhatsApp replays with no outcome after it is concluded as a missed call, offline', () => {
  const tracker = createCallTracker();
  tracker.onCall(call('offer', { id: 'CALL-ALONE', offline: true }));
  assert.deepEqual(tracker.concludeOffline(), [
    { type: 'call', id: 'CALL-ALONE', from: { phone: '+4915112345678' }, outcome: 'missed', offline: true, timestamp: RANG_AT.getTime() },
  ]);
});

test('an offline offer concluded as missed is reported once, though its stub or a later conclusion follow', () => {
  const tracker = createCallTracker();
  tracker.onCall(call('offer', { id: 'CALL-ALONE', offline: true }));
  tracker.concludeOffline();
  assert.deepEqual(tracker.concludeOffline(), []);
  assert.equal(tracker.onMissedCallStub(missedCallStub('CALL-ALONE'), true), undefined);
});

test('concluding the offline replay leaves calls with an outcome and live offers alone', () => {
  const tracker = createCallTracker();
  tracker.onCall(call('offer', { id: 'CALL-ANSWERED', offline: true }));
  tracker.onCall(call('accept', { id: 'CALL-ANSWERED', offline: true }));
  tracker.onCall(call('offer', { id: 'CALL-RINGING' }));
  assert.deepEqual(tracker.concludeOffline(), []);
});

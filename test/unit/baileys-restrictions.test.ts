import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Boom } from '@hapi/boom';
import { NewChatMessageCappingStatusType, ReachoutTimelockEnforcementType, WAMessageStatus, type WAMessageUpdate } from '@whiskeysockets/baileys';
import {
  restrictionFromMessageCap,
  restrictionFromMessageUpdate,
  restrictionFromSendError,
  restrictionFromTimeLock,
} from '../../integrations/whatsapp/baileys/restrictions.js';

const ENDS = new Date('2024-05-02T10:00:00Z');

test('an active reach-out time lock is a restriction until it ends', () => {
  const lock = { isActive: true, timeEnforcementEnds: ENDS, enforcementType: ReachoutTimelockEnforcementType.DEFAULT };
  assert.deepEqual(restrictionFromTimeLock(lock), { type: 'restriction', reason: 'reachout_time_lock', until: ENDS.getTime() });
});

test('a time lock for a policy violation names the enforcement in the reason', () => {
  const lock = { isActive: true, timeEnforcementEnds: ENDS, enforcementType: ReachoutTimelockEnforcementType.BIZ_QUALITY };
  assert.equal(restrictionFromTimeLock(lock)?.reason, 'reachout_time_lock:BIZ_QUALITY');
});

test('a lifted time lock is no restriction', () => {
  assert.equal(restrictionFromTimeLock({ isActive: false, enforcementType: ReachoutTimelockEnforcementType.DEFAULT }), undefined);
});

test('a connection update without a time lock is no restriction', () => {
  assert.equal(restrictionFromTimeLock(undefined), undefined);
});

test('a capped new-chat quota is a restriction until the cycle ends', () => {
  const info = { total_quota: 250, used_quota: 250, cycle_end_timestamp: '1714644000', capping_status: NewChatMessageCappingStatusType.CAPPED };
  assert.deepEqual(restrictionFromMessageCap(info), { type: 'restriction', reason: 'new_chat_message_cap', until: 1_714_644_000_000 });
});

test('a new-chat quota warning is no restriction yet', () => {
  assert.equal(restrictionFromMessageCap({ used_quota: 200, capping_status: NewChatMessageCappingStatusType.SECOND_WARNING }), undefined);
});

test('error 463 on a message we sent means the account is restricted', () => {
  // As handleBadAck emits it.
  const update: WAMessageUpdate = {
    key: { remoteJid: '4915112345678@s.whatsapp.net', fromMe: true, id: '3EB0SENT' },
    update: { status: WAMessageStatus.ERROR, messageStubParameters: ['463', 'Your account has been restricted'] },
  };
  assert.deepEqual(restrictionFromMessageUpdate(update), { type: 'restriction', reason: 'account_restricted' });
});

test('another ack error on a message we sent is no restriction', () => {
  const update: WAMessageUpdate = { key: { remoteJid: '4915112345678@s.whatsapp.net', fromMe: true, id: '3EB0SENT' }, update: { status: WAMessageStatus.ERROR, messageStubParameters: ['479'] } };
  assert.equal(restrictionFromMessageUpdate(update), undefined);
});

test('a send rejected with "rate-overlimit" (IQ error 429) is a rate restriction', () => {
  assert.deepEqual(restrictionFromSendError(new Boom('rate-overlimit', { data: 429 })), { type: 'restriction', reason: 'rate_overlimit' });
});

test('a send that fails for another reason is no restriction', () => {
  assert.equal(restrictionFromSendError(new Boom('Connection Closed', { statusCode: 428 })), undefined);
});

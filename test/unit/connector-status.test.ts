import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectorStatus } from '../../domain/connector-state.js';
import { afterIdleCommand, applyOutcome, applyReport, isExpired, msUntilExpiry, needsAttention } from '../../workflows/logic/connector-status.js';

const pairing: ConnectorStatus = { connectorId: 'c1', name: 'Sales', state: 'pairing' };
const connected: ConnectorStatus = { ...pairing, state: 'connected', phone: '+79990000001', sessionHost: 'wa-host:h1' };

test('a connected report records the phone and clears the last error', () => {
  const next = applyReport({ ...pairing, lastError: 'connection_lost' }, { kind: 'connected', epoch: 1, phone: '+79990000001' });
  assert.deepEqual({ state: next.state, phone: next.phone, lastError: next.lastError }, { state: 'connected', phone: '+79990000001', lastError: undefined });
});

test('a reconnecting report keeps the phone and says why', () => {
  const next = applyReport(connected, { kind: 'reconnecting', epoch: 1, lastError: 'stale_whatsapp_version' });
  assert.deepEqual({ state: next.state, phone: next.phone, lastError: next.lastError }, { state: 'reconnecting', phone: '+79990000001', lastError: 'stale_whatsapp_version' });
});

test('a started report records which host holds the socket', () => {
  assert.equal(applyReport(pairing, { kind: 'started', epoch: 1, hostQueue: 'wa-host:h2' }).sessionHost, 'wa-host:h2');
});

test('a restriction is shown until it is lifted', () => {
  const restricted = applyReport(connected, { kind: 'restriction', epoch: 1, reason: 'reachout_timelock', until: '2027-01-01T00:00:00.000Z' });
  assert.deepEqual(restricted.restriction, { reason: 'reachout_timelock', until: '2027-01-01T00:00:00.000Z' });
  assert.equal(applyReport(restricted, { kind: 'restriction_lifted', epoch: 1 }).restriction, undefined);
});

test('a logout from the phone goes back to pairing, says so, and needs the admins', () => {
  const { status, attention } = applyOutcome(connected, { kind: 'logged_out' });
  assert.deepEqual({ state: status.state, phone: status.phone, lastError: status.lastError, host: status.sessionHost }, { state: 'pairing', phone: undefined, lastError: 'logged_out_from_phone', host: undefined });
  assert.equal(attention, 'logged_out_from_phone');
});

test('a replaced connection is a conflict that needs the admins', () => {
  const { status, attention } = applyOutcome(connected, { kind: 'conflict' });
  assert.deepEqual({ state: status.state, lastError: status.lastError, attention }, { state: 'conflict', lastError: 'connection_replaced', attention: 'connection_replaced' });
});

test('running out of QR attempts is qr_timeout, without bothering the admins', () => {
  const { status, attention } = applyOutcome(pairing, { kind: 'qr_timeout' });
  assert.deepEqual({ state: status.state, attention }, { state: 'qr_timeout', attention: undefined });
});

test('a connector without an active-until date never expires', () => {
  assert.equal(msUntilExpiry(undefined, Date.now()), undefined);
  assert.equal(isExpired(undefined, Date.now()), false);
});

test('the expiry timer runs to the active-until date, however far away it is', () => {
  const now = Date.parse('2026-11-25T00:00:00Z');
  assert.equal(msUntilExpiry('2027-11-25T00:00:00Z', now), 365 * 86_400_000);
  assert.equal(isExpired('2026-11-24T23:59:59Z', now), true);
});

test('a stale WhatsApp Web version needs the admins, once', () => {
  const stale = applyReport(connected, { kind: 'reconnecting', epoch: 1, lastError: 'stale_whatsapp_version' });
  assert.equal(needsAttention(connected, stale), true);
  assert.equal(needsAttention(stale, stale), false);
});

test('an ordinary dropped connection does not bother the admins', () => {
  assert.equal(needsAttention(connected, applyReport(connected, { kind: 'reconnecting', epoch: 1 })), false);
});

test('an expired connector extended into the future reconnects with its stored pairing', () => {
  const expired: ConnectorStatus = { ...connected, state: 'expired', activeUntil: '2030-01-01T00:00:00Z' };
  const { status, clearAuth } = afterIdleCommand(expired, 'refresh_expiry', Date.parse('2026-01-01T00:00:00Z'));
  assert.deepEqual({ state: status.state, phone: status.phone, clearAuth }, { state: 'reconnecting', phone: '+79990000001', clearAuth: false });
});

test('an expired connector stays expired while its date is still past', () => {
  const expired: ConnectorStatus = { ...connected, state: 'expired', activeUntil: '2020-01-01T00:00:00Z' };
  assert.equal(afterIdleCommand(expired, 'reconnect', Date.now()).status.state, 'expired');
});

test('disconnecting an idle connector wipes the pairing and offers a QR', () => {
  const conflict: ConnectorStatus = { ...connected, state: 'conflict' };
  const { status, clearAuth } = afterIdleCommand(conflict, 'disconnect', Date.now());
  assert.deepEqual({ state: status.state, phone: status.phone, clearAuth }, { state: 'pairing', phone: undefined, clearAuth: true });
});

test('reconnect leaves a conflict; a new QR leaves a QR timeout; neither crosses over', () => {
  assert.equal(afterIdleCommand({ ...connected, state: 'conflict' }, 'reconnect', Date.now()).status.state, 'reconnecting');
  assert.equal(afterIdleCommand({ ...pairing, state: 'qr_timeout' }, 'new_qr', Date.now()).status.state, 'pairing');
  assert.equal(afterIdleCommand({ ...pairing, state: 'qr_timeout' }, 'reconnect', Date.now()).status.state, 'qr_timeout');
});

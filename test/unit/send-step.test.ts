import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountRoute } from '../../domain/outbound.js';
import { nextSendStep, retryDelayMs } from '../../workflows/logic/send-step.js';

const NOW = 1_000_000;
const connected: AccountRoute = { exists: true, state: 'connected', sessionHost: 'wa-host:a' };
const ttl = NOW + 60_000;

test('a connected account sends on the queue of the host holding the socket', () => {
  assert.deepEqual(nextSendStep(connected, NOW, ttl, 0), { kind: 'send', hostQueue: 'wa-host:a' });
});

test('a removed connector fails the send', () => {
  assert.deepEqual(nextSendStep({ exists: false }, NOW, ttl, 0), { kind: 'fail', reason: 'connector_removed' });
});

test('while not connected the send waits, never past its TTL, and then fails', () => {
  const down: AccountRoute = { exists: true, state: 'reconnecting' };
  assert.deepEqual(nextSendStep(down, NOW, ttl, 0), { kind: 'wait', ms: 500, status: 'waiting_connection' });
  assert.deepEqual(nextSendStep(down, NOW, NOW + 200, 5), { kind: 'wait', ms: 200, status: 'waiting_connection' });
  assert.deepEqual(nextSendStep(down, ttl, ttl, 5), { kind: 'fail', reason: 'send_ttl_expired' });
  assert.deepEqual(nextSendStep(connected, ttl, ttl, 1, 'unreachable'), { kind: 'fail', reason: 'send_ttl_expired' });
});

test('a restriction with an end pauses until then, without a TTL', () => {
  const restricted: AccountRoute = { ...connected, restriction: { reason: 'reachout_time_lock', until: NOW + 3000 } };
  assert.deepEqual(nextSendStep(restricted, NOW, NOW - 1, 0), { kind: 'wait', ms: 3000, status: 'restricted' });
  assert.deepEqual(nextSendStep(restricted, NOW + 3000, NOW - 1, 0), { kind: 'send', hostQueue: 'wa-host:a' });
  assert.deepEqual(nextSendStep(connected, NOW, ttl, 3, 'restricted'), { kind: 'wait', ms: retryDelayMs(3), status: 'restricted' });
});

test('an unknown outcome is retried with the same message after a pause', () => {
  assert.deepEqual(nextSendStep(connected, NOW, ttl, 2, 'unknown'), { kind: 'wait', ms: 2000, status: 'retrying' });
  assert.equal(retryDelayMs(50), 15_000);
});

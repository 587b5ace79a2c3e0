import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconnectDelayMs } from '../../activities/session/backoff.js';

test('reconnect pauses double with each attempt', () => {
  assert.deepEqual([0, 1, 2, 3].map((attempt) => reconnectDelayMs(attempt, 1)), [1000, 2000, 4000, 8000]);
});

test('reconnect pauses are capped', () => {
  assert.equal(reconnectDelayMs(40, 1, { capMs: 60_000 }), 60_000);
});

test('jitter spreads a pause over its upper half', () => {
  assert.equal(reconnectDelayMs(3, 0), 4000);
  assert.equal(reconnectDelayMs(3, 0.5), 6000);
});

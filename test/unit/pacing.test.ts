import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PacingIntervals } from '../../domain/outbound.js';
import { afterSend, earliestSend, initialPacing, nextRelease, type PacingState } from '../../workflows/logic/pacing.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
const intervals = (overrides: Partial<PacingIntervals> = {}): PacingIntervals => ({ sendMs: 500, marketingMs: 15_000, jitterMs: 0, dailyCap: 0, ...overrides });
const both = { regular: true, marketing: true };
const marketingOnly = { regular: false, marketing: true };

test('the first send of an account leaves at once', () => {
  assert.deepEqual(nextRelease(initialPacing(), intervals(), { regular: true, marketing: false }, T0), { kind: 'send', lane: 'regular' });
});

test('two consecutive sends are at least sendMs apart, with a 10-minute interval too', () => {
  const long = intervals({ sendMs: 10 * MIN, marketingMs: 10 * MIN });
  const state = afterSend(initialPacing(), long, 'regular', T0, 0);
  assert.deepEqual(nextRelease(state, long, { regular: true, marketing: false }, T0 + 10 * MIN - 1), { kind: 'wait', until: T0 + 10 * MIN, reason: 'interval' });
  assert.deepEqual(nextRelease(state, long, { regular: true, marketing: false }, T0 + 10 * MIN), { kind: 'send', lane: 'regular' });
});

test('marketing also keeps marketingMs since the last marketing send, even after regular sends in between', () => {
  const iv = intervals({ sendMs: 500, marketingMs: 10 * MIN });
  let state = afterSend(initialPacing(), iv, 'marketing', T0, 0);
  state = afterSend(state, iv, 'regular', T0 + MIN, 0);
  assert.equal(earliestSend(state, iv, 'marketing'), T0 + 10 * MIN);
  assert.equal(earliestSend(state, iv, 'regular'), T0 + MIN + 500);
  assert.deepEqual(nextRelease(state, iv, marketingOnly, T0 + 5 * MIN), { kind: 'wait', until: T0 + 10 * MIN, reason: 'interval' });
});

test('a waiting regular message goes before marketing, within one sendMs of the last send', () => {
  const iv = intervals({ sendMs: 500, marketingMs: 10 * MIN });
  const state = afterSend(initialPacing(), iv, 'marketing', T0, 0);
  assert.deepEqual(nextRelease(state, iv, both, T0 + 100), { kind: 'wait', until: T0 + 500, reason: 'interval' });
  assert.deepEqual(nextRelease(state, iv, both, T0 + 500), { kind: 'send', lane: 'regular' });
});

test('a changed interval applies to the next send, shorter or longer', () => {
  const state = afterSend(initialPacing(), intervals(), 'regular', T0, 0);
  assert.equal(earliestSend(state, intervals({ sendMs: 10 * MIN }), 'regular'), T0 + 10 * MIN);
  const waitingLong = afterSend(initialPacing(), intervals({ marketingMs: 10 * MIN }), 'marketing', T0, 0);
  assert.deepEqual(nextRelease(waitingLong, intervals({ marketingMs: 15_000 }), marketingOnly, T0 + 20_000), { kind: 'send', lane: 'marketing' });
});

test('jitter adds a drawn delay, never more than the setting in force', () => {
  const iv = intervals({ jitterMs: 1000 });
  const state = afterSend(initialPacing(), iv, 'regular', T0, 0.5);
  assert.equal(state.jitterMs, 500);
  assert.equal(earliestSend(state, iv, 'regular'), T0 + 1000);
  assert.equal(earliestSend(state, intervals({ jitterMs: 0 }), 'regular'), T0 + 500);
});

test('a daily cap holds sends until the next UTC day, then counts from zero', () => {
  const iv = intervals({ dailyCap: 2 });
  let state: PacingState = afterSend(initialPacing(), iv, 'regular', T0, 0);
  state = afterSend(state, iv, 'regular', T0 + 1000, 0);
  const midnight = Date.UTC(2026, 0, 11);
  assert.deepEqual(nextRelease(state, iv, both, T0 + 2000), { kind: 'wait', until: midnight, reason: 'daily_cap' });
  assert.deepEqual(nextRelease(state, iv, both, midnight), { kind: 'send', lane: 'regular' });
  assert.equal(afterSend(state, iv, 'regular', midnight, 0).sentToday, 1);
});

test('nothing queued means idle; the state stays plain JSON for continue-as-new', () => {
  assert.deepEqual(nextRelease(initialPacing(), intervals(), { regular: false, marketing: false }, T0), { kind: 'idle' });
  const state = afterSend(initialPacing(), intervals(), 'marketing', T0, 0);
  assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
});

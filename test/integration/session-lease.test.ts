import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { releaseLease, renewLease, tryAcquireLease } from '../../activities/session/lease.js';
import { useTestDatabase } from '../support/servers.js';

let dropDatabase: () => Promise<void>;
before(async () => (dropDatabase = await useTestDatabase()));
after(() => dropDatabase());

test('a free lease is taken', async () => {
  assert.ok(await tryAcquireLease('free', 'host-a', 30_000));
});

test('a live lease of another host is refused', async () => {
  await tryAcquireLease('held', 'host-a', 30_000);
  assert.equal(await tryAcquireLease('held', 'host-b', 30_000), undefined);
});

test('an expired lease is taken over with a higher fencing token', async () => {
  const first = await tryAcquireLease('expired', 'host-a', -1);
  const second = await tryAcquireLease('expired', 'host-b', 30_000);
  assert.ok(first && second && second.token > first.token);
});

test('the old holder learns at its next renewal that it lost the lease', async () => {
  const first = (await tryAcquireLease('fenced', 'host-a', -1))!;
  await tryAcquireLease('fenced', 'host-b', 30_000);
  assert.equal(await renewLease(first, 30_000), false);
});

test('a released lease is free for the next host at once', async () => {
  const lease = (await tryAcquireLease('released', 'host-a', 30_000))!;
  await releaseLease(lease);
  assert.ok(await tryAcquireLease('released', 'host-b', 30_000));
});

test('of many hosts racing for a free lease, exactly one gets it', async () => {
  const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => tryAcquireLease('raced', `host-${i}`, 30_000)));
  assert.equal(attempts.filter(Boolean).length, 1);
});

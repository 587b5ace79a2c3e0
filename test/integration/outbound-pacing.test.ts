import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gaps, message, messageWhen, pairedConnector, send, sentAtLeast, setIntervals } from '../support/outbound.js';
import { startProduct, type Product } from '../support/product.js';

/**
 * Pacing measured at the transport (the simulator's `at`), on the real outbox and send workflows, session
 * host, Temporal server and database. Long intervals are the pure functions' tests (unit/pacing).
 */
let product: Product;

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 1000, qrRotations: 100 } });
  await product.startSessionHost();
});
after(() => product.stop());

test('10 messages at 0.5 s leave in order, each at least 0.5 s after the previous one', async () => {
  const id = await pairedConnector(product, '+79990000401');
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) ids.push(await send(product, id, { to: '+79991110001', text: `hello ${i}` }));
  const sent = await sentAtLeast(product, id, 10);
  assert.deepEqual(sent.map((entry) => entry.text), ids.map((_, i) => `hello ${i}`));
  for (const gap of gaps(sent)) assert.ok(gap >= 500, `gap ${gap} ms`);
  console.log(`0.5 s pacing, gaps at the transport: ${gaps(sent).join(', ')} ms`);
  assert.ok(sent.every((entry) => entry.attempts === 1));
  const last = await messageWhen(product, id, ids[9]!, ['delivered']);
  assert.deepEqual(last.history.map((h: { status: string }) => h.status), ['queued', 'sending', 'sent', 'delivered']);
  assert.equal(last.whatsappId, sent[9]!.id);
});

test('an interval changed mid-queue applies to the next send', async () => {
  const id = await pairedConnector(product, '+79990000402');
  for (let i = 0; i < 6; i++) await send(product, id, { to: '+79991110002', text: `m ${i}` });
  await sentAtLeast(product, id, 2);
  await setIntervals(product, id, { sendMs: 2000 });
  const changedAt = Date.now();
  const sent = await sentAtLeast(product, id, 6);
  // The send already released when the change was saved may still land after it; every later one keeps the new gap.
  const late = gaps(sent).filter((_, i) => sent[i + 1]!.at > changedAt).slice(1);
  assert.ok(late.length >= 2, 'sends after the change');
  for (const gap of late) assert.ok(gap >= 2000, `gap ${gap} ms after the change`);
  assert.ok(gaps(sent).slice(0, 1).every((gap) => gap < 2000), 'the interval before the change was the old one');
});

test('behind 200 queued marketing messages at 15 s, a regular message leaves within one sendMs', async () => {
  const id = await pairedConnector(product, '+79990000403');
  const marketing = [];
  for (let i = 0; i < 200; i++) marketing.push(product.api(`/connectors/${id}/messages`, { method: 'POST', body: { to: '+79991110003', text: `offer ${i}`, lane: 'marketing' } }));
  assert.ok((await Promise.all(marketing)).every((answer) => answer.status === 202));
  await sentAtLeast(product, id, 1);
  const queuedAt = Date.now();
  const reply = await send(product, id, { to: '+79991110004', text: 'operator reply' });
  const sent = await sentAtLeast(product, id, 2, 10_000);
  const replyEntry = sent.find((entry) => entry.text === 'operator reply');
  assert.ok(replyEntry, 'the regular message left');
  assert.ok(replyEntry.at - queuedAt < 500 + 1500, `regular latency ${replyEntry.at - queuedAt} ms`);
  assert.equal((await message(product, id, reply)).status === 'queued', false);
  const marketingSent = await sentAtLeast(product, id, 3, 40_000);
  const offers = marketingSent.filter((entry) => entry.text?.startsWith('offer'));
  assert.ok(offers.length >= 2);
  for (const gap of gaps(offers)) assert.ok(gap >= 15_000, `marketing gap ${gap} ms`);
});

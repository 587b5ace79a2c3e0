import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MessageModel } from '../../storage/models/message.js';
import { messageWhen, pairedConnector, send, sentAtLeast } from '../support/outbound.js';
import { connectorWhen, startProduct, type Product } from '../support/product.js';

/** The messages API's contract: acceptance, idempotency, validation, media, cancel, an absent number, expiry. */
let product: Product;
let id: string;

before(async () => {
  product = await startProduct({ qr: { qrRotateMs: 1000, qrRotations: 100 } });
  await product.startSessionHost();
  id = await pairedConnector(product, '+79990000501');
});
after(() => product.stop());

const post = (connectorId: string, body: unknown) => product.api(`/connectors/${connectorId}/messages`, { method: 'POST', body });

test('an idempotency key used twice is one message, sent once', async () => {
  const first = await post(id, { to: '8 999 222-00-01', text: 'once', idempotencyKey: 'op-42' });
  const second = await post(id, { to: '8 999 222-00-01', text: 'once', idempotencyKey: 'op-42' });
  assert.equal(first.status, 202);
  assert.equal(second.body.id, first.body.id);
  await messageWhen(product, id, first.body.id, ['delivered']);
  const sent = (await product.phone.sent(id)).filter((entry) => entry.text === 'once');
  assert.deepEqual(sent.map((entry) => [entry.to, entry.attempts]), [['+79992220001', 1]]);
  assert.equal(await MessageModel.countDocuments({ connectorId: id, idempotencyKey: 'op-42' }), 1);
});

test('invalid bodies are refused with 4xx field errors and nothing is queued', async () => {
  const before = await MessageModel.countDocuments();
  const cases: Array<[unknown, string]> = [
    [{ text: 'no recipient' }, 'to'],
    [{ to: 'not a phone', text: 'x' }, 'to'],
    [{ to: '+79992220002' }, 'text'],
    [{ to: '+79992220002', text: 'x', lane: 'bulk' }, 'lane'],
    [{ to: '+79992220002', media: { kind: 'image', mimetype: 'image/png' } }, 'media'],
    [{ to: '+79992220002', media: { kind: 'image', mimetype: 'image/png', base64: 'aGk=' }, voice: true }, '(body)'],
    [{ to: '+79992220002', media: { kind: 'video', mimetype: 'video/mp4', base64: 'aGk=', voice: true } }, 'media.voice'],
  ];
  for (const [body, field] of cases) {
    const answer = await post(id, body);
    assert.equal(answer.status, 422, JSON.stringify(body));
    assert.ok(answer.body.fields[field], `${field} in ${JSON.stringify(answer.body.fields)}`);
  }
  assert.equal((await product.api(`/connectors/${id}/messages`, { method: 'POST', body: '{"to":' })).status, 400);
  assert.equal((await post('no-such-connector', { to: '+79992220002', text: 'x' })).status, 404);
  assert.equal(await MessageModel.countDocuments(), before);
});

test('media of every kind is sent from GridFS, a voice note as a voice note', async () => {
  const bytes = Buffer.from('pretend this is an ogg file');
  const ids = [];
  for (const kind of ['image', 'video', 'document', 'sticker'] as const) {
    ids.push(await send(product, id, { to: '+79992220003', media: { kind, mimetype: 'application/octet-stream', fileName: `f.${kind}`, base64: bytes.toString('base64') } }));
  }
  ids.push(await send(product, id, { to: '+79992220003', media: { kind: 'audio', mimetype: 'audio/ogg; codecs=opus', base64: bytes.toString('base64'), voice: true } }));
  for (const messageId of ids) await messageWhen(product, id, messageId, ['delivered']);
  const media = (await product.phone.sent(id)).filter((entry) => entry.to === '+79992220003').map((entry) => entry.media!);
  assert.deepEqual(media.map((m) => m.kind), ['image', 'video', 'document', 'sticker', 'audio']);
  assert.ok(media.every((m) => m.size === bytes.length));
  assert.equal(media[4]!.voice, true);
});

test('a number that is not on WhatsApp fails at once with not_on_whatsapp', async () => {
  await product.phone.absent({ phone: '+79992220004' });
  const messageId = await send(product, id, { to: '+79992220004', text: 'anyone?' });
  const failed = await messageWhen(product, id, messageId, ['failed'], 10_000);
  assert.equal(failed.failureReason, 'not_on_whatsapp');
});

test('a read receipt moves the status history on to read', async () => {
  const messageId = await send(product, id, { to: '+79992220005', text: 'please read' });
  const delivered = await messageWhen(product, id, messageId, ['delivered']);
  await product.phone.receipt(id, { id: delivered.whatsappId, status: 'read' });
  const read = await messageWhen(product, id, messageId, ['read']);
  assert.deepEqual(read.history.map((h: { status: string }) => h.status), ['queued', 'sending', 'sent', 'delivered', 'read']);
});

test('a queued message can be cancelled and is not sent; a sent one answers 409 not_queued', async () => {
  const other = await pairedConnector(product, '+79990000502');
  const first = await send(product, other, { to: '+79992220006', text: 'goes', lane: 'marketing' });
  await sentAtLeast(product, other, 1);
  const second = await send(product, other, { to: '+79992220006', text: 'cancelled before its turn', lane: 'marketing' });
  const cancelled = await product.api(`/connectors/${other}/messages/${second}/cancel`, { method: 'POST' });
  assert.deepEqual([cancelled.status, cancelled.body.status], [200, 'cancelled']);
  assert.deepEqual((await product.api(`/connectors/${other}/messages/${first}/cancel`, { method: 'POST' })).body.error, 'not_queued');
  await send(product, other, { to: '+79992220006', text: 'regular after' });
  await sentAtLeast(product, other, 2);
  assert.ok(!(await product.phone.sent(other)).some((entry) => entry.text === 'cancelled before its turn'));
});

test('an expired connector refuses sends with 409 connector_expired', async () => {
  const expiring = await pairedConnector(product, '+79990000503');
  await product.api(`/connectors/${expiring}/active-until`, { method: 'PUT', body: { activeUntil: new Date(Date.now() - 1000).toISOString() } });
  await connectorWhen(product, expiring, (c) => c.state === 'expired', 'expired');
  const refused = await post(expiring, { to: '+79992220007', text: 'too late' });
  assert.deepEqual([refused.status, refused.body.error], [409, 'connector_expired']);
});

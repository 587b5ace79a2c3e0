import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LeakyBucket } from '../../sandbox/bitrix24-emulator/limits.js';
import { encodePhpForm, parsePhpForm } from '../../sandbox/bitrix24-emulator/php-form.js';

test('PHP bracket keys parse into nested maps, and 0..n-1 keys into lists', () => {
  const parsed = parsePhpForm('event=X&data[MESSAGES][0][im][chat_id]=1807&data[MESSAGES][0][message][files][]=a&data[MESSAGES][0][message][files][]=b&data[LINE]=7');
  assert.deepEqual(parsed, { event: 'X', data: { MESSAGES: [{ im: { chat_id: '1807' }, message: { files: ['a', 'b'] } }], LINE: '7' } });
});

test('a list with gaps stays a map, as PHP keeps it', () => {
  assert.deepEqual(parsePhpForm('a[1]=x&a[3]=y'), { a: { '1': 'x', '3': 'y' } });
});

test('encoding follows http_build_query: encoded brackets, + for spaces, every scalar a string', () => {
  const form = encodePhpForm({ data: { LINE: 7, ok: true, no: false, skip: undefined, text: '[b]Anna:[/b] hi' }, list: ['a'] });
  assert.equal(form, 'data%5BLINE%5D=7&data%5Bok%5D=1&data%5Bno%5D=&data%5Btext%5D=%5Bb%5DAnna%3A%5B%2Fb%5D+hi&list%5B0%5D=a');
  assert.deepEqual(parsePhpForm(form), { data: { LINE: '7', ok: '1', no: '', text: '[b]Anna:[/b] hi' }, list: ['a'] });
});

test('the leaky bucket refuses past its limit without counting the refused request', () => {
  const bucket = new LeakyBucket();
  const rate = { enabled: true, limit: 2, drainPerSecond: 1 };
  bucket.take(0, rate);
  bucket.take(0, rate);
  assert.throws(() => bucket.take(0, rate), /QUERY_LIMIT_EXCEEDED/);
  bucket.take(1000, rate);
  assert.throws(() => bucket.take(1000, rate), /QUERY_LIMIT_EXCEEDED/);
});

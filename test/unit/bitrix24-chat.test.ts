import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatText, mediaFileName, sanitizeName } from '../../domain/bitrix24-chat.js';
import { phpQuery } from '../../integrations/bitrix24/php-query.js';
import { tokenUrlFor } from '../../integrations/bitrix24/tokens.js';
import { signedMediaUrl, verifyMediaSignature } from '../../lib/signed-url.js';

test('push names become Bitrix24 names: letters, spaces, - and \' only, at most 25 characters', () => {
  assert.equal(sanitizeName('Анна 🌸 Smith!!'), 'Анна Smith');
  assert.equal(sanitizeName("O'Brien-Jones"), "O'Brien-Jones");
  assert.equal(sanitizeName('🔥🔥 123'), undefined);
  assert.equal(sanitizeName('Abcdefghij Klmnopqrst Uvwxyz Long'), 'Abcdefghij Klmnopqrst Uvw');
});

test('a client message reads as BB-code: quote, text with brackets neutralised, location and contact', () => {
  assert.equal(chatText({ text: 'see [b]this[/b]', quotedText: 'earlier' }), '[i]» earlier[/i][br]see ［b］this［/b］');
  assert.equal(chatText({ location: { lat: 55.75, lng: 37.61, name: 'Office' } }), '📍 Office https://maps.google.com/?q=55.75,37.61');
  assert.equal(chatText({ sharedContact: { name: 'Ivan', phone: '+79001234567' } }), '👤 Ivan +79001234567');
  assert.equal(mediaFileName({ kind: 'image', mimetype: 'image/jpeg' }, 'ABC'), 'image-ABC.jpg');
});

test('PHP-bracket queries, the token URL and signed media URLs', () => {
  assert.equal(decodeURIComponent(phpQuery({ MESSAGES: [{ user: { id: 'c1' } }], ACTIVE: true })), 'MESSAGES[0][user][id]=c1&ACTIVE=Y');
  assert.equal(tokenUrlFor('https://oauth.bitrix.info/rest/'), 'https://oauth.bitrix.info/oauth/token/');
  const key = Buffer.alloc(32, 1);
  const url = new URL(signedMediaUrl('https://bridge.example', key, 'f1', 60_000));
  assert.ok(verifyMediaSignature(key, 'f1', url.searchParams.get('exp')!, url.searchParams.get('sig')!));
  assert.ok(!verifyMediaSignature(key, 'f2', url.searchParams.get('exp')!, url.searchParams.get('sig')!));
  assert.ok(!verifyMediaSignature(key, 'f1', url.searchParams.get('exp')!, url.searchParams.get('sig')!, Date.now() + 120_000));
});

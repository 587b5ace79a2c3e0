import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WACallEvent, WAMessageKey } from '@whiskeysockets/baileys';
import { contactFromCall, contactFromKey, isPersonalChat, jidFromPhone, lidFromJid, phoneFromJid } from '../../integrations/whatsapp/baileys/jid.js';

test('a phone JID becomes an E.164 number, its device suffix dropped', () => {
  assert.equal(phoneFromJid('4915112345678:12@s.whatsapp.net'), '+4915112345678');
});

test('a legacy @c.us JID is a phone JID too', () => {
  assert.equal(phoneFromJid('4915112345678@c.us'), '+4915112345678');
});

test('a LID has no phone', () => {
  assert.equal(phoneFromJid('190253895659622@lid'), undefined);
});

test('a LID keeps its form without the device suffix', () => {
  assert.equal(lidFromJid('190253895659622:7@lid'), '190253895659622@lid');
});

test('a phone JID is not a LID', () => {
  assert.equal(lidFromJid('4915112345678@s.whatsapp.net'), undefined);
});

test('an E.164 number becomes a phone JID without the plus', () => {
  assert.equal(jidFromPhone('+4915112345678'), '4915112345678@s.whatsapp.net');
});

test('a number that is not E.164 is refused rather than sent to a wrong JID', () => {
  assert.throws(() => jidFromPhone('015112345678'), /not an E.164/);
});

test('one-to-one chats by phone or by LID are personal chats', () => {
  assert.equal(isPersonalChat('4915112345678@s.whatsapp.net'), true);
  assert.equal(isPersonalChat('190253895659622@lid'), true);
});

test('groups, the status broadcast and newsletters are not personal chats', () => {
  for (const jid of ['120363025246125486@g.us', 'status@broadcast', '120363144038483540@newsletter', undefined]) {
    assert.equal(isPersonalChat(jid), false, String(jid));
  }
});

test('a phone-addressed message key gives the phone, the LID from remoteJidAlt and the push name', () => {
  const key: WAMessageKey = {
    remoteJid: '4915112345678@s.whatsapp.net',
    remoteJidAlt: '190253895659622@lid',
    fromMe: false,
    id: '3EB0A1',
    addressingMode: 'pn',
  };
  assert.deepEqual(contactFromKey(key, 'Anna'), { phone: '+4915112345678', lid: '190253895659622@lid', pushName: 'Anna' });
});

test('a LID-addressed message key takes the phone from remoteJidAlt', () => {
  const key: WAMessageKey = { remoteJid: '190253895659622@lid', remoteJidAlt: '4915112345678@s.whatsapp.net', fromMe: false, id: '3EB0A2', addressingMode: 'lid' };
  assert.deepEqual(contactFromKey(key), { phone: '+4915112345678', lid: '190253895659622@lid' });
});

test('a LID-addressed key without remoteJidAlt yields the LID alone', () => {
  assert.deepEqual(contactFromKey({ remoteJid: '190253895659622@lid', fromMe: false, id: '3EB0A3' }), { lid: '190253895659622@lid' });
});

test('on our own message the push name (ours) is not the client\'s', () => {
  assert.deepEqual(contactFromKey({ remoteJid: '4915112345678@s.whatsapp.net', fromMe: true, id: '3EB0A4' }, 'Shop'), { phone: '+4915112345678' });
});

test('a caller known by LID gets the phone from callerPn', () => {
  const call: Pick<WACallEvent, 'from' | 'callerPn'> = { from: '190253895659622@lid', callerPn: '4915112345678@s.whatsapp.net' };
  assert.deepEqual(contactFromCall(call), { phone: '+4915112345678', lid: '190253895659622@lid' });
});

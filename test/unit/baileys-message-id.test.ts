import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newWhatsAppMessageId } from '../../integrations/whatsapp/baileys/message-id.js';

test('a message id has the shape WhatsApp Web gives its own', () => {
  assert.match(newWhatsAppMessageId('+4915112345678'), /^3EB0[0-9A-F]{18}$/);
});

test('a message id needs no account phone', () => {
  assert.match(newWhatsAppMessageId(), /^3EB0[0-9A-F]{18}$/);
});

test('two message ids differ', () => {
  assert.notEqual(newWhatsAppMessageId(), newWhatsAppMessageId());
});

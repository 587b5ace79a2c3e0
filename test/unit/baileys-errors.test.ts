import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Boom } from '@hapi/boom';
import { DisconnectReason } from '@whiskeysockets/baileys';
import { toTransportError } from '../../integrations/whatsapp/baileys/errors.js';
import { createKnownRecipients } from '../../integrations/whatsapp/baileys/known-recipients.js';
import { TransportError } from '../../integrations/whatsapp/transport.js';

// The errors below are the ones Baileys' socket rejects requests with.

test('"Connection Closed" (428) means the socket is not connected', () => {
  const error = toTransportError(new Boom('Connection Closed', { statusCode: DisconnectReason.connectionClosed }), 'send');
  assert.equal(error.reason, 'not_connected');
});

test('"Timed Out" (408) means WhatsApp did not answer in time', () => {
  assert.equal(toTransportError(new Boom('Timed Out', { statusCode: DisconnectReason.timedOut, data: { stack: '' } }), 'send').reason, 'timeout');
});

test('the IQ error "rate-overlimit" means the account is restricted', () => {
  assert.equal(toTransportError(new Boom('rate-overlimit', { data: 429 }), 'send').reason, 'restricted');
});

test('any other failure is a rejection that keeps what went wrong', () => {
  const error = toTransportError(new Boom('bad-request', { data: 400 }), 'send');
  assert.equal(error.reason, 'rejected');
  assert.match(error.message, /bad-request/);
});

test('a TransportError passes through unchanged', () => {
  const original = new TransportError('not_on_whatsapp', '+4915112345678 is not on WhatsApp');
  assert.equal(toTransportError(original, 'send'), original);
});

test('known recipients forget the least recently confirmed phone beyond their capacity', () => {
  const recipients = createKnownRecipients(2);
  recipients.add('+491');
  recipients.add('+492');
  recipients.add('+491');
  recipients.add('+493');
  assert.deepEqual(['+491', '+492', '+493'].map((phone) => recipients.has(phone)), [true, false, true]);
});

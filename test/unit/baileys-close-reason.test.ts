import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Boom } from '@hapi/boom';
import { DisconnectReason } from '@whiskeysockets/baileys';
import { decideClose } from '../../integrations/whatsapp/baileys/close-reason.js';

// The errors below are built as Baileys' socket.ts builds them for `lastDisconnect.error`.

test('401 "Connection Failure" (device removed from the phone) means logged out', () => {
  const error = new Boom('Connection Failure', { statusCode: 401, data: { reason: '401', location: 'frc' } });
  assert.deepEqual(decideClose(error), { reason: 'logged_out', code: 401, detail: 'Connection Failure' });
});

test('our own logout (401 "Intentional Logout") means logged out', () => {
  assert.equal(decideClose(new Boom('Intentional Logout', { statusCode: DisconnectReason.loggedOut })).reason, 'logged_out');
});

test('403 forbidden means logged out', () => {
  assert.equal(decideClose(new Boom('Connection Failure', { statusCode: 403 })).reason, 'logged_out');
});

test('419, the third of Baileys\' unauthorized codes, means logged out', () => {
  assert.equal(decideClose(new Boom('Connection Failure', { statusCode: 419 })).reason, 'logged_out');
});

test('440 "Stream Errored (conflict)" means another client replaced the connection', () => {
  const error = new Boom('Stream Errored (conflict)', { statusCode: DisconnectReason.connectionReplaced });
  assert.deepEqual(decideClose(error), { reason: 'connection_replaced', code: 440, detail: 'Stream Errored (conflict)' });
});

test('515 "Stream Errored (restart required)" after pairing means restart required', () => {
  const error = new Boom('Stream Errored (restart required)', { statusCode: DisconnectReason.restartRequired });
  assert.equal(decideClose(error).reason, 'restart_required');
});

test('405 "Connection Failure" means WhatsApp refuses our web version', () => {
  assert.equal(decideClose(new Boom('Connection Failure', { statusCode: 405 })).reason, 'stale_whatsapp_version');
});

test('408 "QR refs attempts ended" means the QR codes ran out', () => {
  const error = new Boom('QR refs attempts ended', { statusCode: DisconnectReason.timedOut });
  assert.deepEqual(decideClose(error), { reason: 'qr_attempts_ended', code: 408, detail: 'QR refs attempts ended' });
});

test('408 "Connection was lost" (keep-alive unanswered) means the connection was lost', () => {
  const error = new Boom('Connection was lost', { statusCode: DisconnectReason.connectionLost });
  assert.equal(decideClose(error).reason, 'connection_lost');
});

test('408 "WebSocket Error" while pairing (network down) means the connection was lost, not that the QR codes ran out', () => {
  const error = new Boom('WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)', { statusCode: 408 });
  assert.equal(decideClose(error).reason, 'connection_lost');
});

test('428 "Connection Terminated" means the connection was lost', () => {
  assert.equal(decideClose(new Boom('Connection Terminated', { statusCode: DisconnectReason.connectionClosed })).reason, 'connection_lost');
});

test('500 bad session and 503 unavailable service mean the connection was lost', () => {
  assert.equal(decideClose(new Boom('Stream Errored (unknown)', { statusCode: 500 })).reason, 'connection_lost');
  assert.equal(decideClose(new Boom('Connection Failure', { statusCode: 503 })).reason, 'connection_lost');
});

test('a close without an error (socket ended locally) means the connection was lost, without a code', () => {
  assert.deepEqual(decideClose(undefined), { reason: 'connection_lost' });
});

test('a plain Error without a status code means the connection was lost and keeps its message', () => {
  assert.deepEqual(decideClose(new Error('getaddrinfo ENOTFOUND web.whatsapp.com')), {
    reason: 'connection_lost',
    detail: 'getaddrinfo ENOTFOUND web.whatsapp.com',
  });
});

test('a bare { output: { statusCode } } object is read like a Boom', () => {
  assert.equal(decideClose({ output: { statusCode: 440 } }).reason, 'connection_replaced');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postsToChat, type ChatSwitches } from '../../domain/outgoing.js';

/** The spec's "Which outgoing messages appear in the open line chat" table, row by row, both ways. */
const on: ChatSwitches = { publishOutgoing: true, createChatOnSmsProvider: true, createChatOnSmsMailing: true };
const off: ChatSwitches = { ...on, publishOutgoing: false };

test('nothing from the app reaches the chat while "publish outgoing" is off, whatever the request says', () => {
  for (const source of ['phone', 'robot', 'sms', 'mailing', 'api', 'auto'] as const) {
    assert.equal(postsToChat({ source, postToChat: true }, off), false, source);
  }
});

test('a message typed on the phone is posted while "publish outgoing" is on', () => {
  assert.equal(postsToChat({ source: 'phone' }, on), true);
});

test('a robot message is posted only when the robot says "create message in open line chat"', () => {
  assert.equal(postsToChat({ source: 'robot', postToChat: true }, on), true);
  assert.equal(postsToChat({ source: 'robot', postToChat: false }, on), false);
});

test('an SMS through the provider is posted only with "create a chat when sending through the SMS provider"', () => {
  assert.equal(postsToChat({ source: 'sms' }, on), true);
  assert.equal(postsToChat({ source: 'sms' }, { ...on, createChatOnSmsProvider: false }), false);
});

test('a mailing SMS is posted only with "create a chat when sending through SMS mailings"', () => {
  assert.equal(postsToChat({ source: 'mailing' }, on), true);
  assert.equal(postsToChat({ source: 'mailing' }, { ...on, createChatOnSmsMailing: false }), false);
});

test('an API send is posted unless the call says publishToChat: false', () => {
  assert.equal(postsToChat({ source: 'api' }, on), true);
  assert.equal(postsToChat({ source: 'api', postToChat: false }, on), false);
});

test('autoreplies and bot answers are posted while "publish outgoing" is on', () => {
  assert.equal(postsToChat({ source: 'auto' }, on), true);
});

test('an operator reply is never posted again: it is in the chat already', () => {
  assert.equal(postsToChat({ source: 'operator', postToChat: true }, on), false);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CallEventModel } from '../../storage/models/call-event.js';
import { InboundEventModel } from '../../storage/models/inbound-event.js';
import { eventually } from '../support/product.js';
import { settled, startChatSandbox, type ChatSandbox } from '../support/chat-sandbox.js';

/**
 * The autoresponders and the ignore list end to end: calls and voice notes played on the WhatsApp
 * simulator, to-dos, notes and the client's chat on the Bitrix24 emulator, replies through the real
 * outbound pipeline.
 */
let sandbox: ChatSandbox;
const MISSED_REPLY = 'Sorry we missed your call, we will call you back.';
const VOICE_REPLY = 'We cannot listen to voice messages, please write.';
const todosFor = (phone: string) => sandbox.emulator.state.todos.filter((todo) => String(todo.params.description ?? '').startsWith(phone));

before(async () => {
  sandbox = await startChatSandbox('+79990000700');
  await sandbox.settle({
    autoresponders: {
      periodHours: 24,
      missedCall: { createTask: true, createLeadIfNone: true, taskResponsibleId: 1, taskDeadlineMinutes: 30, reply: { enabled: true, text: MISSED_REPLY } },
      voiceMessage: { reply: { enabled: true, text: VOICE_REPLY } },
    },
    ignoredNumbers: ['+79990000999'],
  });
});
after(() => sandbox?.stop());

test('a missed call reported twice makes exactly one to-do on a new lead, one reply and one note in the chat', async () => {
  const phone = '+79990000901';
  const { connectorId, product } = sandbox;
  await product.phone.call(connectorId, { from: phone, id: 'call-901-a', outcome: 'missed' });
  await product.phone.call(connectorId, { from: phone, id: 'call-901-a', outcome: 'missed' });

  await settled(async () => (todosFor(phone).length === 1 && (await sandbox.sentTo(phone)).length === 1 ? true : undefined), 'one to-do and one reply');
  assert.deepEqual(await sandbox.sentTo(phone), [MISSED_REPLY]);
  const todo = todosFor(phone)[0]!;
  const lead = sandbox.emulator.state.leads.find((item) => item.phones.some((p) => p.value === phone));
  assert.ok(lead, 'a lead was created for the unknown caller');
  assert.deepEqual({ ownerTypeId: todo.params.ownerTypeId, ownerId: todo.params.ownerId, responsibleId: todo.params.responsibleId }, { ownerTypeId: 1, ownerId: lead.id, responsibleId: 1 });
  const deadline = Date.parse(String(todo.params.deadline));
  assert.ok(Math.abs(deadline - (Date.now() + 30 * 60_000)) < 2 * 60_000, 'deadline about 30 minutes ahead');
  const notesIn = (chat?: { messages: Array<{ author: string; text: string }> }) => chat?.messages.filter((m) => m.author === 'system' && m.text.includes('Missed WhatsApp call')) ?? [];
  await settled(async () => (notesIn(await sandbox.chatOf(phone)).length > 0 ? true : undefined), 'the note');
  assert.equal(notesIn(await sandbox.chatOf(phone)).length, 1);
});

test('a second missed call inside the period makes a new to-do on the same lead but no second reply', async () => {
  const phone = '+79990000902';
  const { connectorId, product } = sandbox;
  await product.phone.call(connectorId, { from: phone, id: 'call-902-a', outcome: 'rejected' });
  await eventually(async () => (todosFor(phone).length === 1 && (await sandbox.sentTo(phone)).length === 1 ? true : undefined), 40_000, 'the first to-do and reply');
  await product.phone.call(connectorId, { from: phone, id: 'call-902-b', outcome: 'missed' });
  await settled(async () => ((await CallEventModel.countDocuments({ connectorId, status: 'handled', callId: 'call-902-b' })) === 1 ? true : undefined), 'the second call handled');
  const todos = todosFor(phone);
  assert.equal(todos.length, 2);
  assert.equal(todos[1]!.params.ownerId, todos[0]!.params.ownerId, 'the lead is found again, not added again');
  assert.deepEqual(await sandbox.sentTo(phone), [MISSED_REPLY]);
});

test('a call missed while the account was offline is handled when it comes back: one to-do, one reply, one note saying so', async () => {
  const phone = '+79990000906';
  const { connectorId, product } = sandbox;
  await sandbox.stopSessionHost();
  await eventually(async () => ((await product.phone.account(connectorId)).socket === 'none' ? true : undefined), 30_000, 'the account without a socket');
  await product.phone.call(connectorId, { from: phone, id: 'call-906-a', outcome: 'missed' });
  await sandbox.startSessionHost();

  await settled(async () => (todosFor(phone).length === 1 && (await sandbox.sentTo(phone)).length === 1 ? true : undefined), 'one to-do and one reply after the reconnect');
  assert.deepEqual(await sandbox.sentTo(phone), [MISSED_REPLY]);
  assert.equal(todosFor(phone)[0]!.params.description, `${phone} called while WhatsApp was offline`);
  const notesIn = (chat?: { messages: Array<{ author: string; text: string }> }) => chat?.messages.filter((m) => m.author === 'system' && m.text.includes('Missed WhatsApp call while WhatsApp was offline')) ?? [];
  await settled(async () => (notesIn(await sandbox.chatOf(phone)).length > 0 ? true : undefined), 'the note');
  assert.equal(notesIn(await sandbox.chatOf(phone)).length, 1);
});

test('an answered call leaves no trace', async () => {
  const phone = '+79990000903';
  await sandbox.product.phone.call(sandbox.connectorId, { from: phone, id: 'call-903-a', outcome: 'answered' });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(await CallEventModel.countDocuments({ callId: 'call-903-a' }), 0);
  assert.equal(todosFor(phone).length, 0);
});

test('a voice note reaches the chat as audio and gets one reply, a second voice note none', async () => {
  const phone = '+79990000904';
  const voice = { kind: 'audio' as const, mimetype: 'audio/ogg; codecs=opus', base64: Buffer.from('ogg bytes').toString('base64') };
  await sandbox.product.phone.inbound(sandbox.connectorId, { from: phone, media: voice, voice: true });
  await sandbox.product.phone.inbound(sandbox.connectorId, { from: phone, media: voice, voice: true });
  await settled(async () => ((await InboundEventModel.countDocuments({ connectorId: sandbox.connectorId, status: 'forwarded', 'media.voice': true })) >= 2 ? true : undefined), 'both voice notes forwarded');
  await settled(async () => ((await sandbox.sentTo(phone)).length === 1 ? true : undefined), 'one reply');
  assert.deepEqual(await sandbox.sentTo(phone), [VOICE_REPLY]);
  const chat = await eventually(async () => {
    const found = await sandbox.chatOf(phone);
    return found?.messages.some((m) => m.author === 'system') ? found : undefined;
  }, 20_000, 'the reply in the chat');
  assert.equal(chat.messages.filter((m) => m.author === 'client' && m.files.length === 1).length, 2);
  assert.equal(chat.messages.filter((m) => m.author === 'system' && m.text.includes(VOICE_REPLY)).length, 1);
});

test('messages, calls and voice notes from an ignored number create no chat, reply or CRM entry', async () => {
  const ignored = '+79990000999';
  const { connectorId, product } = sandbox;
  await product.phone.inbound(connectorId, { from: ignored, text: 'hello' });
  await product.phone.inbound(connectorId, { from: ignored, media: { kind: 'audio', mimetype: 'audio/ogg', base64: 'AAAA' }, voice: true });
  await product.phone.call(connectorId, { from: ignored, id: 'call-999-a', outcome: 'missed' });
  // Events of one connector are recorded in order: once a later one is forwarded, the ignored ones were dropped.
  await product.phone.inbound(connectorId, { from: '+79990000905', text: 'after' });
  await eventually(async () => ((await InboundEventModel.countDocuments({ connectorId, status: 'forwarded', text: 'after' })) === 1 ? true : undefined), 40_000, 'the later message forwarded');
  assert.equal(await CallEventModel.countDocuments({ callId: 'call-999-a' }), 0);
  assert.equal(await sandbox.chatOf(ignored), undefined);
  assert.deepEqual(await sandbox.sentTo(ignored), []);
  assert.equal(todosFor(ignored).length, 0);
  assert.ok(!sandbox.emulator.state.leads.some((item) => item.phones.some((p) => p.value === ignored)));
});

test('every CRM and chat call the autoresponders made is in the reference', async () => {
  const { DOCUMENTED_METHODS, undocumentedParams } = await import('../../integrations/bitrix24/methods.js');
  for (const call of await sandbox.portal.calls()) {
    if (call.batch) continue;
    assert.ok(call.method in DOCUMENTED_METHODS, `${call.method} is not in the reference`);
    assert.deepEqual(undocumentedParams(call.method, call.params), [], call.method);
  }
});

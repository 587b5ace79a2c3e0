import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ChatMemoryModel } from '../../storage/models/chat-memory.js';
import { workflowIds } from '../../workflows/constants.js';
import { eventually } from '../support/product.js';
import { settled, startChatSandbox, type ChatSandbox } from '../support/chat-sandbox.js';

/**
 * The bot assistant's paths end to end: clients write on the WhatsApp simulator, the bot answers
 * through the outbound pipeline and as system messages in the emulator's open line chat.
 */
let sandbox: ChatSandbox;
const GREETING = 'Hello! Pick a number:';
const MENU = `${GREETING}\n\n1. Prices\n2. An operator`;
const PRICES = 'Prices start at 100.';
const HANDING_OVER = 'An operator will answer shortly.';
const CLOSED = 'We are closed now, an operator will answer in the morning.';
const script = {
  enabled: true,
  greeting: GREETING,
  options: [
    { label: 'Prices', keywords: ['price', 'cost'], reply: PRICES },
    { label: 'An operator', keywords: ['operator'], reply: HANDING_OVER, handOver: true },
  ],
  workingHours: { enabled: false, outOfHoursReply: CLOSED },
};

before(async () => {
  sandbox = await startChatSandbox('+79990000710');
  await sandbox.settle({ bot: script });
});
after(() => sandbox?.stop());

/** A client message, and the moment the chat's bot has taken it (answered or stayed silent). */
async function write(phone: string, text: string): Promise<void> {
  const before = Date.now();
  await sandbox.product.phone.inbound(sandbox.connectorId, { from: phone, text });
  const contactId = await sandbox.contactIdOf(phone);
  await eventually(async () => {
    const memory = await ChatMemoryModel.findById(`${sandbox.connectorId}:${contactId}`).lean<{ bot?: { lastClientAt?: number } }>();
    return (memory?.bot?.lastClientAt ?? 0) >= before ? true : undefined;
  }, 40_000, `the bot's turn on "${text}"`);
}

const replies = (phone: string, count: number) => settled(async () => ((await sandbox.sentTo(phone)).length === count ? sandbox.sentTo(phone) : undefined), `${count} replies to ${phone}`);

test('a new client is greeted with the menu and a menu number is answered, both also as system messages in the chat', async () => {
  const phone = '+79990000911';
  await write(phone, 'Hi');
  await write(phone, '1');
  assert.deepEqual(await replies(phone, 2), [MENU, PRICES]);
  const chat = await eventually(async () => {
    const found = await sandbox.chatOf(phone);
    return found && found.messages.length === 4 ? found : undefined;
  }, 20_000, 'both answers in the chat');
  assert.deepEqual(chat.messages.map((m) => m.author), ['client', 'system', 'client', 'system']);
  assert.match(chat.messages[3]!.text, /Prices start at 100/);
});

test('a keyword picks its option even in the first message', async () => {
  const phone = '+79990000912';
  await write(phone, 'What does it cost?');
  assert.deepEqual(await replies(phone, 1), [PRICES]);
});

test('a hand-over option answers, posts a note for the operators, and the bot stays silent afterwards', async () => {
  const phone = '+79990000913';
  await write(phone, 'operator please');
  await write(phone, '1');
  assert.deepEqual(await replies(phone, 1), [HANDING_OVER]);
  const chat = await eventually(async () => {
    const found = await sandbox.chatOf(phone);
    return found?.messages.some((m) => m.author === 'system' && m.text.includes('handed the dialog over')) ? found : undefined;
  }, 20_000, 'the hand-over note');
  assert.equal(chat.messages.filter((m) => m.author === 'system' && m.text.includes('handed the dialog over')).length, 1);
  assert.equal(chat.messages.filter((m) => m.author === 'client').length, 2, 'client messages always reach the chat');
});

test('an operator reply takes the dialog over: the bot answers nothing after it', async () => {
  const phone = '+79990000914';
  await write(phone, 'Hi');
  await replies(phone, 1);
  const chat = await eventually(async () => (await sandbox.portal.chats()).find((c) => c.user.phone === phone), 20_000, 'the chat');
  await sandbox.portal.reply(chat.id, { text: 'Hello, this is Anna from sales' });
  await eventually(async () => ((await sandbox.product.phone.sent(sandbox.connectorId)).some((s) => s.to === phone && /Anna from sales/.test(s.text ?? '')) ? true : undefined), 30_000, "the operator's reply sent");
  await write(phone, '1');
  // The menu, then the operator's own reply; nothing from the bot after it.
  const sent = await replies(phone, 2);
  assert.equal(sent[0], MENU);
  assert.match(sent[1]!, /Anna from sales/);
});

test('a worker restart in the middle of a dialog keeps its state: the next number is answered, not greeted again', async () => {
  const phone = '+79990000915';
  await write(phone, 'Hi');
  await replies(phone, 1);
  await sandbox.product.restartOrchestrator();
  await write(phone, '1');
  assert.deepEqual(await replies(phone, 2), [MENU, PRICES]);
});

test('a chat whose workflow has ended keeps its dialog: the state comes back from MongoDB', async () => {
  const phone = '+79990000917';
  await write(phone, 'Hi');
  await replies(phone, 1);
  const chat = sandbox.product.client.workflow.getHandle(workflowIds.chat(sandbox.connectorId, await sandbox.contactIdOf(phone)));
  // What the quiet period does, without waiting for it: the run ends with the dialog in the middle.
  await chat.terminate('as if completed after the quiet period');
  await write(phone, '1');
  assert.deepEqual(await replies(phone, 2), [MENU, PRICES]);
});

test('out of working hours the client gets the out-of-hours reply once and the menu is not offered', async () => {
  await sandbox.settle({ bot: { ...script, workingHours: { enabled: true, days: [], outOfHoursReply: CLOSED } } });
  const phone = '+79990000916';
  await write(phone, 'Hi');
  await write(phone, '1');
  assert.deepEqual(await replies(phone, 1), [CLOSED]);
});

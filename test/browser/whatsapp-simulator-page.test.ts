import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { VOICE_NOTE } from '../../sandbox/whatsapp-simulator/voice-note.js';
import { MessageModel } from '../../storage/models/message.js';
import { BROWSER_TIMEOUT, launchBrowser, screenshot } from '../support/browser.js';
import { startChatSandbox, type ChatSandbox } from '../support/chat-sandbox.js';
import { connectorWhen, eventually } from '../support/product.js';

/**
 * The `npm start` sandbox played from the WhatsApp simulator's overview page in real headless Chromium,
 * without curl: its buttons pair the connector, write, call and send a voice note as a client, type on
 * the company's phone and read what the account sent; the product's open line chat on the Bitrix24
 * emulator shows what arrived.
 */
let sandbox: ChatSandbox;
let browser: Browser;
let page: Page;

const ACCOUNT_PHONE = '+79990001301';
/** The client the page writes as unless told otherwise. */
const CLIENT = '+79990001122';

before(async () => {
  sandbox = await startChatSandbox();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
  context.setDefaultTimeout(BROWSER_TIMEOUT);
  page = await context.newPage();
  await page.goto(`${sandbox.product.url}/sandbox/whatsapp/`);
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const account = (): Locator => page.locator(`section[data-connector="${sandbox.connectorId}"]`);
const controls = (legend: string): Locator => account().getByRole('group', { name: legend });

type ChatLine = { author: string; text: string; files: Array<{ size: number }> };

/** The client's messages in its open line chat that `match`, once there is one. */
async function chatMessages(match: (message: ChatLine) => boolean): Promise<ChatLine[] | undefined> {
  const messages = ((await sandbox.chatOf(CLIENT))?.messages ?? []) as ChatLine[];
  const found = messages.filter(match);
  return found.length ? found : undefined;
}

test('the phone scans the connector\'s QR from the page, and the connector connects as that number', async () => {
  await account().getByText('offering a QR').waitFor();
  await screenshot(page, 'whatsapp-simulator-pairing');
  await controls('Pairing').getByLabel('Phone').fill(ACCOUNT_PHONE);
  await controls('Pairing').getByRole('button', { name: 'Scan the QR' }).click();

  await connectorWhen(sandbox.product, sandbox.connectorId, (c) => c.state === 'connected' && c.phone === ACCOUNT_PHONE, 'connected as the scanned number');
  await account().getByText(`socket: open · paired as ${ACCOUNT_PHONE}`).waitFor();
  await controls('Pairing').getByRole('status').filter({ hasText: /^Done$/ }).waitFor();
  await screenshot(page, 'whatsapp-simulator-paired');
});

test('a client\'s text written on the page reaches the client\'s open line chat', async () => {
  await controls('A client').getByLabel('Text').fill('Hello from the simulator page');
  await controls('A client').getByRole('button', { name: 'Send text' }).click();

  await eventually(() => chatMessages((m) => m.author === 'client' && m.text === 'Hello from the simulator page'), BROWSER_TIMEOUT, 'the text in the chat');
  await controls('A client').getByRole('status').filter({ hasText: /^Accepted \(3A[0-9A-F]+\)$/ }).waitFor();
});

test('a missed call placed from the page ends as a missed-call note in the client\'s chat', async () => {
  await controls('A client').getByRole('button', { name: 'missed', exact: true }).click();

  await eventually(() => chatMessages((m) => m.author === 'system' && m.text.includes('Missed WhatsApp call')), BROWSER_TIMEOUT, 'the missed-call note');
});

test('a voice note sent from the page reaches the chat as the page\'s OGG/Opus clip', async () => {
  await controls('A client').getByRole('button', { name: 'Send a voice note' }).click();

  const clipSize = Buffer.from(VOICE_NOTE.base64, 'base64').length;
  const [voice] = await eventually(() => chatMessages((m) => m.author === 'client' && m.files.length === 1), BROWSER_TIMEOUT, 'the voice note in the chat');
  assert.equal(voice!.files[0]!.size, clipSize, 'the portal downloaded the whole clip');
});

test('a message typed on the company\'s phone from the page shows in the chat, and its recipient reads it from the page', async () => {
  await controls("The company's phone").getByLabel('Text').fill('Written on the office phone');
  await controls("The company's phone").getByRole('button', { name: 'Send from the phone' }).click();
  await eventually(() => chatMessages((m) => m.text.includes('Written on the office phone')), BROWSER_TIMEOUT, 'the phone\'s message in the chat');

  const row = account().getByRole('row').filter({ hasText: 'Written on the office phone' });
  await row.getByRole('button', { name: 'Mark read' }).click();
  await row.getByRole('cell', { name: 'read', exact: true }).waitFor();
  const sent = (await sandbox.product.phone.sent(sandbox.connectorId)).find((entry) => entry.text === 'Written on the office phone');
  await eventually(async () => ((await MessageModel.findOne({ connectorId: sandbox.connectorId, whatsappId: sent!.id }).lean())?.status === 'read' ? true : undefined), BROWSER_TIMEOUT, 'the product recorded it read');
  await screenshot(page, 'whatsapp-simulator-controls');
});

test('a request the simulator refuses shows its reason on the page', async () => {
  await controls('Pairing').getByRole('button', { name: 'Scan the QR' }).click();

  await controls('Pairing').getByText(`connector ${sandbox.connectorId} has no socket offering a QR`).waitFor();
  assert.equal(await controls('Pairing').getByRole('status').getAttribute('class'), 'bad');
});

test('a restriction set from the page reaches the connector', async () => {
  await controls('Faults').getByLabel('Restrict for').fill('120');
  await controls('Faults').getByRole('button', { name: 'Restrict', exact: true }).click();

  const restricted = await connectorWhen(sandbox.product, sandbox.connectorId, (c) => Boolean(c.restriction), 'restricted');
  assert.ok(Math.abs(Date.parse(restricted.restriction.until) - (Date.now() + 120_000)) < 30_000, 'for about two minutes');
  await account().getByText('restricted (reachout_time_lock)').waitFor();
});

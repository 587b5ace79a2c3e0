import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BROWSER_TIMEOUT, ensureWebBuilt, launchBrowser, screenshot, sliderContext } from '../support/browser.js';
import { settled, startChatSandbox, type ChatSandbox } from '../support/chat-sandbox.js';
import { eventually } from '../support/product.js';

/**
 * The bot assistant's script editor in real headless Chromium at the width of a Bitrix24 slider: the
 * script is written and saved in the app, tried in the app's dialog preview, then played by a client
 * on the WhatsApp simulator against the connector bound to an emulated open line.
 */
let sandbox: ChatSandbox;
let browser: Browser;
const contexts: BrowserContext[] = [];

const GREETING = 'Здравствуйте! Выберите пункт меню:';
const PRICES = 'Цены начинаются от 100 ₽.';
const MENU = `${GREETING}\n\n1. Цены\n2. Связаться с оператором`;

before(async () => {
  await ensureWebBuilt();
  sandbox = await startChatSandbox('+79990001201');
  browser = await launchBrowser();
});

after(async () => {
  await Promise.allSettled(contexts.map((context) => context.close()));
  await browser?.close();
  await sandbox?.stop();
});

async function openSettings(): Promise<Page> {
  const context = await sliderContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${sandbox.product.url}/app/connectors/${sandbox.connectorId}`);
  return page;
}

const storedBot = async () => (await sandbox.product.api(`/connectors/${sandbox.connectorId}/settings`)).body.bot;

test('bot script saved and exercised from the simulator', async () => {
  const page = await openSettings();
  const bot = page.locator('section[data-section="bot"]');
  await bot.getByRole('switch', { name: 'Включить бот-помощника' }).click();
  await bot.getByLabel('Приветствие').fill(GREETING);

  await bot.getByRole('button', { name: 'Добавить пункт' }).click();
  const first = bot.getByRole('group', { name: 'Пункт 1' });
  await first.getByLabel('Текст пункта в меню').fill('Связаться с оператором');
  await first.getByRole('checkbox', { name: 'Передать диалог операторам' }).check();
  await bot.getByRole('button', { name: 'Добавить пункт' }).click();
  const second = bot.getByRole('group', { name: 'Пункт 2' });
  await second.getByLabel('Текст пункта в меню').fill('Цены');

  // An option that neither answers nor hands over is refused in the form, and nothing is lost.
  await bot.getByRole('button', { name: 'Сохранить' }).click();
  await second.getByText('Введите ответ или отметьте передачу операторам').waitFor();
  await second.getByLabel('Ответ бота').fill(PRICES);
  await second.getByLabel('Ключевые слова').fill('цена');
  await second.getByLabel('Ключевые слова').press('Enter');

  // "Цены" becomes option 1 by the keyboard: the move keeps the focus on the moved option's button.
  await bot.getByRole('button', { name: 'Поднять пункт 2' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await bot.getByRole('group', { name: 'Пункт 1' }).getByLabel('Текст пункта в меню').inputValue(), 'Цены');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Опустить пункт 1');

  await bot.getByRole('button', { name: 'Сохранить' }).click();
  const saved = await eventually(async () => {
    const stored = await storedBot();
    return stored.enabled && stored.options.length === 2 ? stored : undefined;
  }, BROWSER_TIMEOUT, 'the script saved');
  assert.equal(saved.greeting, GREETING);
  assert.deepEqual(
    saved.options.map((o: any) => [o.label, o.reply, o.keywords, o.handOver]),
    [
      ['Цены', PRICES, ['цена'], false],
      ['Связаться с оператором', '', [], true],
    ],
  );
  await bot.getByText('Сохранено').waitFor();

  await page.reload();
  const reloaded = page.locator('section[data-section="bot"]');
  assert.equal(await reloaded.getByLabel('Приветствие').inputValue(), GREETING);
  assert.equal(await reloaded.getByRole('group', { name: 'Пункт 2' }).getByLabel('Текст пункта в меню').inputValue(), 'Связаться с оператором');

  // The preview: the client's hello gets the greeting and the menu; "1" gets the answer; "2" hands over.
  const preview = reloaded.locator('[data-bot-preview]');
  const log = preview.getByRole('log', { name: 'Диалог с ботом' });
  const botLines = log.locator('[data-preview-author="bot"] [data-preview-text]');
  assert.equal(await botLines.first().innerText(), MENU);
  await preview.getByLabel('Сообщение клиента').fill('1');
  await preview.getByRole('button', { name: 'Отправить' }).click();
  await log.getByText(PRICES).waitFor();
  await preview.getByLabel('Сообщение клиента').fill('2');
  await preview.getByLabel('Сообщение клиента').press('Enter');
  await log.getByText('Диалог передан операторам.').waitFor();
  await screenshot(page, 'bot-editor');
  await reloaded.getByRole('group', { name: 'Пункт 1' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'bot-editor-options', { fullPage: false });
  await preview.scrollIntoViewIfNeeded();
  await screenshot(page, 'bot-editor-preview', { fullPage: false });

  // The same script on the real pipeline: a client writes to the paired connector on the simulator.
  const client = '+79990001299';
  await sandbox.product.phone.inbound(sandbox.connectorId, { from: client, text: 'Добрый день' });
  assert.deepEqual(await settled(async () => ((await sandbox.sentTo(client)).length === 1 ? sandbox.sentTo(client) : undefined), 'the greeting sent'), [MENU]);
  await sandbox.product.phone.inbound(sandbox.connectorId, { from: client, text: '1' });
  assert.deepEqual(await settled(async () => ((await sandbox.sentTo(client)).length === 2 ? sandbox.sentTo(client) : undefined), 'the answer sent'), [MENU, PRICES]);
});

test('the editor and the preview in English', async () => {
  const page = await openSettings();
  await page.goto(`${sandbox.product.url}/app/connectors/${sandbox.connectorId}?lang=en`);
  const bot = page.locator('section[data-section="bot"]');
  await bot.getByRole('group', { name: 'Option 1' }).getByLabel('Menu line').waitFor();
  await bot.getByRole('log', { name: 'Dialog with the bot' }).getByText('Hello!').waitFor();
  await screenshot(page, 'bot-editor-en');
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BROWSER_TIMEOUT, ensureWebBuilt, launchBrowser, screenshot, sliderContext } from '../support/browser.js';
import { ADMIN_TOKEN, connectorWhen, eventually, startProduct, type Product } from '../support/product.js';

/**
 * The settings app in real headless Chromium, against the whole product in this process (real
 * Temporal, database, session host and WhatsApp simulator). The window is 600 px wide, like a
 * Bitrix24 slider. Every test leaves a screenshot in test-output/screenshots/.
 */
let product: Product;
let browser: Browser;
const contexts: BrowserContext[] = [];

before(async () => {
  await ensureWebBuilt();
  // A QR every 1.5 s, so a test sees the page follow a rotation without waiting WhatsApp's 20 s.
  product = await startProduct({ qr: { qrFirstMs: 1_500, qrRotateMs: 1_500, qrRotations: 10_000 } });
  await product.startSessionHost();
  browser = await launchBrowser();
});

after(async () => {
  await Promise.allSettled(contexts.map((context) => context.close()));
  await browser?.close();
  await product?.stop();
});

/** A fresh browser tab; `signedIn` puts the admin token where a standalone sign-in keeps it. */
async function openPage(path: string, options: { signedIn?: boolean; init?: string } = {}): Promise<Page> {
  const context = await sliderContext(browser, { signedIn: options.signedIn });
  contexts.push(context);
  if (options.init) await context.addInitScript(options.init);
  const page = await context.newPage();
  await page.goto(`${product.url}${path}`);
  return page;
}

const settingsPath = (id: string) => `/app/connectors/${id}`;

async function settingsOf(id: string) {
  const { status, body } = await product.api(`/connectors/${id}/settings`);
  assert.equal(status, 200);
  return body;
}

/** Waits until the stored settings satisfy `predicate` (saves are asynchronous to the click). */
function settingsWhen(id: string, predicate: (settings: any) => boolean, what: string) {
  return eventually(async () => {
    const settings = await settingsOf(id);
    return predicate(settings) ? settings : undefined;
  }, BROWSER_TIMEOUT, what);
}

/** Scans the QR the page shows, as the phone would; a QR that rotated in between is read again. */
async function scanQrOnPage(page: Page, id: string, phone: string): Promise<string> {
  return eventually(async () => {
    const qr = await page.locator('img[data-qr]').getAttribute('data-qr');
    if (!qr) return undefined;
    await product.phone.scan(id, { phone, qr });
    return qr;
  }, BROWSER_TIMEOUT, 'a scan of the QR on the page');
}

async function pairedConnector(name: string, phone: string): Promise<string> {
  const id = await product.createConnector(name);
  const offered = await connectorWhen(product, id, (c) => !!c.qr, 'a QR');
  await product.phone.scan(id, { phone, qr: offered.qr });
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected');
  return id;
}

const section = (page: Page, name: string) => page.locator(`section[data-section="${name}"]`);

test('an admin signs in with ADMIN_API_TOKEN; a wrong token is refused with a message', async () => {
  await product.createConnector('Отдел продаж');
  const page = await openPage('/app/', { signedIn: false });
  const token = page.getByLabel('Токен администратора');
  await token.fill('not-the-admin-token-000');
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByText('Сервер не принял токен.').waitFor();

  await token.fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Коннекторы' }).waitFor();
  await page.getByRole('heading', { name: 'Отдел продаж' }).first().waitFor();
  await screenshot(page, 'sign-in-connector-list');
});

test('the status shows a live QR that follows rotation; scanning it shows "Подключен до <date>"', async () => {
  const id = await product.createConnector('Pairing by QR');
  const page = await openPage(settingsPath(id));
  const qr = page.locator('img[data-qr]');
  await qr.waitFor();
  assert.equal(await qr.getAttribute('alt'), 'QR-код для подключения WhatsApp');
  const first = await qr.getAttribute('data-qr');
  await page.waitForFunction((shown) => document.querySelector('img[data-qr]')?.getAttribute('data-qr') !== shown, first, { timeout: BROWSER_TIMEOUT });
  await screenshot(page, 'status-qr');

  await scanQrOnPage(page, id, '+79990001001');
  await section(page, 'status').getByText('Подключен', { exact: true }).first().waitFor();
  await section(page, 'status').getByText('Номер WhatsApp: +79990001001').waitFor();
  assert.equal(await qr.count(), 0);

  const extended = await product.api(`/connectors/${id}/active-until`, { method: 'PUT', body: { activeUntil: '2030-01-31T12:00:00Z' } });
  assert.equal(extended.status, 200);
  await page.getByText('Подключен до 31 января 2030 г.').waitFor();
  await screenshot(page, 'status-connected-until');
});

test('pairing by code: the page asks WhatsApp for a code for the typed number and shows it', async () => {
  const id = await product.createConnector('Pairing by code');
  const page = await openPage(settingsPath(id));
  await page.getByRole('button', { name: 'Подключить по номеру телефона' }).click();
  const phone = page.getByLabel('Номер телефона WhatsApp');
  await phone.fill('12');
  await page.getByRole('button', { name: 'Получить код' }).click();
  await section(page, 'status').getByText('Введите номер в международном формате', { exact: false }).waitFor();

  await phone.fill('8 999 000-10-02');
  await page.getByRole('button', { name: 'Получить код' }).click();
  const code = await page.locator('[data-pairing-code]').getAttribute('data-pairing-code', { timeout: BROWSER_TIMEOUT });
  assert.ok(code);
  await product.phone.pairCode(id, { phone: '+79990001002', code });
  await section(page, 'status').getByText('Подключен', { exact: true }).first().waitFor();
  await screenshot(page, 'status-pairing-code');
});

test('QR timeout offers a new QR, conflict offers to reconnect, and a restriction is shown', async () => {
  const timedOut = await product.createConnector('QR timeout');
  const page = await openPage(settingsPath(timedOut));
  await page.locator('img[data-qr]').waitFor();
  await product.phone.qrTimeout(timedOut);
  await page.getByText('Время на сканирование QR-кода истекло.').waitFor();
  await screenshot(page, 'status-qr-timeout');
  await page.getByRole('button', { name: 'Новый QR-код' }).click();
  await page.locator('img[data-qr]').waitFor();

  const conflicted = await pairedConnector('Conflict', '+79990001003');
  await page.goto(`${product.url}${settingsPath(conflicted)}`);
  await section(page, 'status').getByText('Подключен', { exact: true }).first().waitFor();
  await product.phone.restrict(conflicted, { seconds: 3_600 });
  await page.getByTestId('restriction').getByText('WhatsApp временно ограничил аккаунт', { exact: false }).waitFor();
  await screenshot(page, 'status-restricted');

  await product.phone.conflict(conflicted);
  await page.getByText('Аккаунт открыт в другом клиенте WhatsApp', { exact: false }).waitFor();
  await screenshot(page, 'status-conflict');
  await page.getByRole('button', { name: 'Переподключить' }).click();
  await section(page, 'status').getByText('Подключен', { exact: true }).first().waitFor();
});

test('renaming with the pencil keeps the new name after a reload', async () => {
  const id = await product.createConnector('Before rename');
  const page = await openPage(settingsPath(id));
  const name = section(page, 'name');
  await name.getByRole('button', { name: 'Переименовать' }).click();
  const input = name.getByLabel('Новое название коннектора');
  await input.fill('Поддержка');
  await input.press('Enter');
  await name.getByRole('heading', { name: 'Поддержка' }).waitFor();
  await connectorWhen(product, id, (c) => c.name === 'Поддержка', 'the new name stored');

  await page.reload();
  await section(page, 'name').getByRole('heading', { name: 'Поддержка' }).waitFor();
  await screenshot(page, 'rename');
});

test('each Chats switch and the bot switch is saved when flipped and stays flipped after a reload', async () => {
  const id = await product.createConnector('Switches');
  const before = await settingsOf(id);
  const page = await openPage(settingsPath(id));
  const switches = [
    ['chats.publishOutgoing', 'Публиковать в чат исходящие сообщения: с телефона, через СМС, из приложения, роботов и бизнес-процессов'],
    ['chats.createChatOnSmsProvider', 'Создавать чат при отправке через СМС провайдера'],
    ['chats.createChatOnSmsMailing', 'Создавать чат при отправке через СМС-рассылки'],
    ['chats.smsProviderEnabled', 'Включить провайдера СМС'],
    ['chats.showOnline', 'Показывать статус «В сети»'],
    ['bot.enabled', 'Включить бот-помощника'],
  ] as const;
  const valueOf = (settings: any, path: string) => path.split('.').reduce((node, key) => node[key], settings) as boolean;

  for (const [, label] of switches) await page.getByRole('switch', { name: label }).click();
  await settingsWhen(id, (s) => switches.every(([path]) => valueOf(s, path) === !valueOf(before, path)), 'every switch flipped');

  await page.reload();
  for (const [path, label] of switches) {
    const control = page.getByRole('switch', { name: label });
    assert.equal(await control.isChecked(), !valueOf(before, path), `${path} after the reload`);
  }
  await screenshot(page, 'chats-switches');
});

test('a send interval outside its range is refused in the form and nothing is saved; a valid one is', async () => {
  const id = await product.createConnector('Intervals');
  const page = await openPage(settingsPath(id));
  const intervals = section(page, 'intervals');
  const send = intervals.getByLabel('Интервал отправки сообщений, секунд');
  const marketing = intervals.getByLabel('Интервал отправки сообщений в маркетинге, секунд');
  await send.fill('0.2');
  await marketing.fill('700');
  await intervals.getByRole('button', { name: 'Сохранить' }).click();
  await intervals.getByText('Допустимо от 0,5 до 600 секунд').waitFor();
  await intervals.getByText('Допустимо от 15 до 600 секунд').waitFor();
  assert.equal(await send.getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'intervals-refused');
  assert.deepEqual((await settingsOf(id)).intervals, { ...(await settingsOf(id)).intervals, sendMs: 500, marketingMs: 15_000 });

  await send.fill('2.5');
  await marketing.fill('30');
  await intervals.getByRole('button', { name: 'Сохранить' }).click();
  await settingsWhen(id, (s) => s.intervals.sendMs === 2_500 && s.intervals.marketingMs === 30_000, 'the intervals saved');
  await page.reload();
  assert.equal(await section(page, 'intervals').getByLabel('Интервал отправки сообщений, секунд').inputValue(), '2.5');
  await screenshot(page, 'intervals-saved');
});

test('ignored numbers: Enter adds a normalized chip, an invalid number is flagged and kept, "Сохранить" stores the list', async () => {
  const id = await product.createConnector('Ignored numbers');
  const page = await openPage(settingsPath(id));
  const ignored = section(page, 'ignoredNumbers');
  const input = ignored.getByLabel('Добавить номер');

  await input.fill('8 (999) 123-45-67');
  await input.press('Enter');
  await ignored.locator('[data-phone="+79991234567"]').waitFor();
  assert.equal(await input.inputValue(), '');

  await input.fill('+1 650 253 0000');
  await input.press('Enter');
  await ignored.locator('[data-phone="+16502530000"]').waitFor();

  await input.fill('12345abc');
  await input.press('Enter');
  await ignored.getByText('Номер «12345abc» не распознан', { exact: false }).waitFor();
  assert.equal(await input.inputValue(), '12345abc', 'the typed text stays');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'ignored-numbers-invalid');

  await input.fill('');
  await ignored.getByRole('button', { name: 'Удалить номер +16502530000' }).click();
  await ignored.getByRole('button', { name: 'Сохранить' }).click();
  await settingsWhen(id, (s) => JSON.stringify(s.ignoredNumbers) === '["+79991234567"]', 'the list saved');

  await page.reload();
  await section(page, 'ignoredNumbers').locator('[data-phone="+79991234567"]').waitFor();
  assert.equal(await section(page, 'ignoredNumbers').locator('[data-phone]').count(), 1);
  await screenshot(page, 'ignored-numbers-saved');
});

test('autoresponder switches and texts are saved and shown again after a reload', async () => {
  const id = await product.createConnector('Autoresponders');
  const page = await openPage(settingsPath(id));
  const form = section(page, 'autoresponders');
  const missedCall = form.getByRole('group', { name: 'Пропущенный звонок' });
  const voice = form.getByRole('group', { name: 'Голосовое сообщение' });

  await missedCall.getByRole('switch', { name: 'Отправлять клиенту автоответ' }).click();
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await missedCall.getByText('Введите текст автоответа или выключите автоответ').waitFor();

  await missedCall.getByLabel('Текст автоответа').fill('Мы перезвоним вам в течение часа.');
  await missedCall.getByLabel('Срок дела, минут').fill('90');
  await voice.getByRole('switch', { name: 'Отправлять клиенту автоответ' }).click();
  await voice.getByLabel('Текст автоответа').fill('Мы не слушаем голосовые сообщения, напишите, пожалуйста.');
  await form.getByLabel('Не чаще одного автоответа каждого вида одному клиенту за, часов').fill('12');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  const saved = await settingsWhen(id, (s) => s.autoresponders.periodHours === 12, 'the autoresponders saved');
  assert.deepEqual(saved.autoresponders.missedCall.reply, { enabled: true, text: 'Мы перезвоним вам в течение часа.' });
  assert.equal(saved.autoresponders.missedCall.taskDeadlineMinutes, 90);
  assert.deepEqual(saved.autoresponders.voiceMessage.reply, { enabled: true, text: 'Мы не слушаем голосовые сообщения, напишите, пожалуйста.' });

  await page.reload();
  const reloaded = section(page, 'autoresponders');
  assert.equal(await reloaded.getByRole('group', { name: 'Голосовое сообщение' }).getByLabel('Текст автоответа').inputValue(), 'Мы не слушаем голосовые сообщения, напишите, пожалуйста.');
  await screenshot(page, 'autoresponders');
});

test('disconnecting the account asks for confirmation, then the status is back to a QR', async () => {
  const id = await pairedConnector('Disconnect', '+79990001004');
  const page = await openPage(settingsPath(id));
  await section(page, 'status').getByText('Подключен', { exact: true }).first().waitFor();

  await page.getByRole('button', { name: 'Отключить аккаунт' }).click();
  const dialog = page.getByRole('dialog', { name: 'Отключить аккаунт WhatsApp?' });
  await dialog.waitFor();
  await screenshot(page, 'disconnect-confirm', { fullPage: false });
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await product.api(`/connectors/${id}`)).body.state, 'connected');

  await page.getByRole('button', { name: 'Отключить аккаунт' }).click();
  await dialog.getByRole('button', { name: 'Отключить', exact: true }).click();
  await page.locator('img[data-qr]').waitFor();
  assert.equal((await product.phone.account(id)).paired, false);
  await screenshot(page, 'disconnected-qr');
});

test('the language switch shows the window in English, remembers it, and switches back to Russian', async () => {
  const id = await product.createConnector('Languages');
  const page = await openPage(settingsPath(id));
  await page.getByRole('heading', { name: 'Чаты' }).waitFor();
  await page.getByText('English').click();
  await page.getByRole('heading', { name: 'Chats' }).waitFor();
  await page.getByRole('heading', { name: 'Connection status' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');

  await page.reload();
  await page.getByRole('switch', { name: 'Enable the SMS provider' }).waitFor();
  await screenshot(page, 'language-english');
  await page.getByText('Русский').click();
  await page.getByRole('heading', { name: 'Интервалы отправки сообщений' }).waitFor();
});

test('opened as the Bitrix24 placement, the app shows that connector with the handed-over token, kept in memory only', async () => {
  const id = await product.createConnector('Placement');
  const bootstrap = `window.__OLB_SESSION__ = ${JSON.stringify({ token: ADMIN_TOKEN, connectorId: id })};`;
  const page = await openPage('/app/', { signedIn: false, init: bootstrap });
  await section(page, 'name').getByRole('heading', { name: 'Placement' }).waitFor();
  await page.locator('img[data-qr]').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Выйти' }).count(), 0);
  assert.equal(await page.getByText('← Все коннекторы').count(), 0);
  const stored = await page.evaluate(() => ({
    session: JSON.stringify(window.sessionStorage),
    local: JSON.stringify(window.localStorage),
    cookies: document.cookie,
    global: '__OLB_SESSION__' in window,
  }));
  assert.ok(!stored.session.includes(ADMIN_TOKEN) && !stored.local.includes(ADMIN_TOKEN) && stored.cookies === '', 'the token is nowhere but in memory');
  assert.equal(stored.global, false, 'the bootstrap is taken off the page');
  await screenshot(page, 'placement');

  // The other hand-over: the token in the address fragment, which the app then removes from the address.
  const other = await openPage(`/app/#olb-session=${ADMIN_TOKEN}&connector=${id}`, { signedIn: false });
  await section(other, 'name').getByRole('heading', { name: 'Placement' }).waitFor();
  assert.ok(!other.url().includes(ADMIN_TOKEN), 'the token is gone from the address');
});

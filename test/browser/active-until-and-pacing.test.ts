import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { BROWSER_TIMEOUT, ensureWebBuilt, launchBrowser, screenshot, sliderContext } from '../support/browser.js';
import { connectorWhen, eventually, startProduct, type Product } from '../support/product.js';

/**
 * The connector window's active-until date and the ban-protection pacing settings (jitter, daily cap),
 * set in real headless Chromium at the width of a Bitrix24 slider and checked through the management
 * API. The browser runs in Moscow time, so a picked day maps to one exact instant.
 */
let product: Product;
let browser: Browser;
const contexts: BrowserContext[] = [];

before(async () => {
  await ensureWebBuilt();
  product = await startProduct();
  await product.startSessionHost();
  browser = await launchBrowser();
});

after(async () => {
  await Promise.allSettled(contexts.map((context) => context.close()));
  await browser?.close();
  await product?.stop();
});

async function openSettings(id: string, language: 'ru' | 'en' = 'ru'): Promise<Page> {
  const context = await sliderContext(browser, { locale: language === 'ru' ? 'ru-RU' : 'en-US', timezoneId: 'Europe/Moscow' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${product.url}/app/connectors/${id}?lang=${language}`);
  return page;
}

async function pairedConnector(name: string, phone: string): Promise<string> {
  const id = await product.createConnector(name);
  const offered = await connectorWhen(product, id, (c) => !!c.qr, 'a QR');
  await product.phone.scan(id, { phone, qr: offered.qr });
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected');
  return id;
}

async function intervalsOf(id: string) {
  const { status, body } = await product.api(`/connectors/${id}/settings`);
  assert.equal(status, 200);
  return body.intervals;
}

const section = (page: Page, name: string) => page.locator(`section[data-section="${name}"]`);

/** A viewport screenshot with the section at its top, so the new controls are seen at full size. */
async function screenshotOf(page: Page, where: Locator, name: string): Promise<void> {
  await where.evaluate((element) => {
    element.scrollIntoView({ block: 'start' });
  });
  await screenshot(page, name, { fullPage: false });
}

test('active-until: a day picked in the status section is stored as the end of that day and shown as "Подключен до"; an empty date is refused', async () => {
  const id = await pairedConnector('Active until', '+79990002001');
  const page = await openSettings(id);
  const status = section(page, 'status');
  await status.getByText('Срок подключения не ограничен.').waitFor();

  await status.getByRole('button', { name: 'Изменить срок' }).click();
  const day = status.getByLabel('Подключение активно до');
  await status.getByRole('button', { name: 'Сохранить' }).click();
  await status.getByText('Выберите дату').waitFor();
  assert.equal(await day.getAttribute('aria-invalid'), 'true');
  assert.equal((await product.api(`/connectors/${id}`)).body.activeUntil, undefined, 'nothing stored');

  await day.fill('2031-03-15');
  await screenshotOf(page, status, 'active-until-editor');
  await status.getByRole('button', { name: 'Сохранить' }).click();
  await status.getByText('Подключен до 15 марта 2031 г.').waitFor();
  const stored = await connectorWhen(product, id, (c) => c.activeUntil !== undefined, 'the date stored');
  assert.deepEqual({ state: stored.state, activeUntil: stored.activeUntil }, { state: 'connected', activeUntil: '2031-03-15T20:59:59.999Z' });
  await screenshotOf(page, status, 'active-until-set');
});

test('active-until: "Снять срок" clears the date through the API', async () => {
  const id = await pairedConnector('Clear active until', '+79990002002');
  assert.equal((await product.api(`/connectors/${id}/active-until`, { method: 'PUT', body: { activeUntil: '2031-01-31T12:00:00Z' } })).status, 200);
  const page = await openSettings(id);
  const status = section(page, 'status');
  await status.getByText('Подключен до 31 января 2031 г.').waitFor();

  await status.getByRole('button', { name: 'Изменить срок' }).click();
  assert.equal(await status.getByLabel('Подключение активно до').inputValue(), '2031-01-31');
  await status.getByRole('button', { name: 'Снять срок' }).click();
  await status.getByText('Срок подключения не ограничен.').waitFor();
  const cleared = await connectorWhen(product, id, (c) => c.activeUntil === undefined, 'the date cleared');
  assert.equal(cleared.state, 'connected');
});

test('active-until: a past day expires the connector at once, and a later day reconnects it with the same number and no new QR', async () => {
  const id = await pairedConnector('Expire and extend', '+79990002003');
  const page = await openSettings(id);
  const status = section(page, 'status');
  await status.getByText('Подключен', { exact: true }).first().waitFor();

  await status.getByRole('button', { name: 'Изменить срок' }).click();
  await status.getByLabel('Подключение активно до').fill('2020-01-01');
  await status.getByRole('button', { name: 'Сохранить' }).click();
  await status.getByText('Срок действия подключения истёк 1 января 2020 г. — сообщения не отправляются и не принимаются.').waitFor();
  assert.equal((await product.api(`/connectors/${id}`)).body.state, 'expired');
  assert.equal(await status.getByText('Причина:', { exact: false }).count(), 0, 'the sentence says why; no raw "expired" reason under it');
  await screenshotOf(page, status, 'active-until-expired');

  await status.getByRole('button', { name: 'Изменить срок' }).click();
  await status.getByLabel('Подключение активно до').fill('2031-01-01');
  await status.getByRole('button', { name: 'Сохранить' }).click();
  await status.getByText('Подключен до 1 января 2031 г.').waitFor();
  const resumed = await connectorWhen(product, id, (c) => c.state === 'connected', 'connected again');
  assert.deepEqual({ phone: resumed.phone, activeUntil: resumed.activeUntil }, { phone: '+79990002003', activeUntil: '2031-01-01T20:59:59.999Z' });
  assert.equal(await page.locator('img[data-qr]').count(), 0, 'no new QR');
});

test('jitter and daily cap: values outside the schema ranges are refused in the form and nothing is saved; valid ones are saved and shown after a reload', async () => {
  const id = await product.createConnector('Ban protection');
  const page = await openSettings(id);
  const intervals = section(page, 'intervals');
  const jitter = intervals.getByLabel('Случайная добавка к интервалу, секунд');
  const cap = intervals.getByLabel('Лимит сообщений в сутки');
  assert.equal(await jitter.inputValue(), '0', 'off by default');
  assert.equal(await cap.inputValue(), '0', 'off by default');

  await jitter.fill('700');
  await cap.fill('2000000');
  await intervals.getByRole('button', { name: 'Сохранить' }).click();
  await intervals.getByText('Допустимо от 0 до 600 секунд').waitFor();
  await intervals.getByText(/^Допустимо целое число от 0 до 1\s000\s000$/).waitFor();
  assert.equal(await jitter.getAttribute('aria-invalid'), 'true');
  assert.equal(await cap.getAttribute('aria-invalid'), 'true');
  await screenshotOf(page, intervals, 'intervals-ban-protection-refused');
  assert.deepEqual(await intervalsOf(id), { sendMs: 500, marketingMs: 15_000, jitterMs: 0, dailyCap: 0 });

  await jitter.fill('2.5');
  await cap.fill('300');
  await intervals.getByRole('button', { name: 'Сохранить' }).click();
  await eventually(async () => ((await intervalsOf(id)).dailyCap === 300 ? true : undefined), BROWSER_TIMEOUT, 'the cap saved');
  assert.deepEqual(await intervalsOf(id), { sendMs: 500, marketingMs: 15_000, jitterMs: 2_500, dailyCap: 300 });

  await page.reload();
  const reloaded = section(page, 'intervals');
  assert.equal(await reloaded.getByLabel('Случайная добавка к интервалу, секунд').inputValue(), '2.5');
  assert.equal(await reloaded.getByLabel('Лимит сообщений в сутки').inputValue(), '300');
  await screenshotOf(page, reloaded, 'intervals-ban-protection-saved');
});

test('jitter: a 422 from the server is shown at its field, as for the send intervals', async () => {
  const id = await product.createConnector('Server refusal');
  const page = await openSettings(id);
  // The form checks with the api's own schema, so only a request changed on its way shows the server's answer.
  await page.route('**/settings', async (route) => {
    const request = route.request();
    if (request.method() !== 'PUT') return route.continue();
    const body = request.postDataJSON();
    return route.continue({ postData: JSON.stringify({ ...body, intervals: { ...body.intervals, jitterMs: 700_000 } }) });
  });
  const intervals = section(page, 'intervals');
  await intervals.getByLabel('Случайная добавка к интервалу, секунд').fill('1');
  await intervals.getByRole('button', { name: 'Сохранить' }).click();
  await intervals.getByText('Сервер отклонил введённые данные.').waitFor();
  await intervals.getByText('Допустимо от 0 до 600 секунд').waitFor();
  assert.equal(await intervals.getByLabel('Случайная добавка к интервалу, секунд').getAttribute('aria-invalid'), 'true');
  assert.equal((await intervalsOf(id)).jitterMs, 0);
});

test('in English, the active-until editor and the ban-protection inputs are translated', async () => {
  const id = await pairedConnector('English', '+79990002004');
  assert.equal((await product.api(`/connectors/${id}/active-until`, { method: 'PUT', body: { activeUntil: '2031-01-31T12:00:00Z' } })).status, 200);
  const page = await openSettings(id, 'en');
  const status = section(page, 'status');
  await status.getByText('Connected until January 31, 2031').waitFor();
  await status.getByRole('button', { name: 'Change the date' }).click();
  await status.getByLabel('Connection active until').waitFor();
  await status.getByRole('button', { name: 'Remove the date' }).waitFor();
  await screenshotOf(page, status, 'active-until-editor-en');

  const intervals = section(page, 'intervals');
  await intervals.getByText('Ban protection (off by default)').waitFor();
  await intervals.getByLabel('Random extra delay per interval, seconds').waitFor();
  await intervals.getByLabel('Daily message limit').fill('-1');
  await intervals.getByRole('button', { name: 'Save' }).click();
  await intervals.getByText('Allowed: a whole number from 0 to 1,000,000').waitFor();
  await screenshotOf(page, intervals, 'intervals-ban-protection-en');
});

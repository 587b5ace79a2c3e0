import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, FrameLocator } from 'playwright-core';
import { createBitrix24Emulator, type Bitrix24Emulator } from '../../sandbox/bitrix24-emulator/app.js';
import { emulatorControl, type EmulatorControl } from '../../sandbox/bitrix24-emulator/control-client.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/bitrix24-emulator/portal.js';
import { PortalModel } from '../../storage/models/portal.js';
import { call } from '../support/http.js';
import { BROWSER_TIMEOUT, ensureWebBuilt, launchBrowser, screenshot } from '../support/browser.js';
import { connectorWhen, eventually, startProduct, type Product } from '../support/product.js';
import { storeUnreachablePortal } from '../support/portal-records.js';

/**
 * The settings app opened as Bitrix24 opens it: a page on the portal's origin (the emulator's) POSTs
 * the SETTING_CONNECTOR form that the emulator produces (`/control/placement`) into an iframe of the
 * slider's width, cross-origin, in real headless Chromium. A second installed portal (stored directly)
 * owns a connector that the placement's session must never reach.
 */
let product: Product;
let emulator: Bitrix24Emulator;
let emulatorUrl: string;
let portal: EmulatorControl;
let memberId: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const OTHER_PORTAL = 'other-portal-member-0002';
const CONNECTOR_TYPE = 'olbridge_whatsapp';
before(async () => {
  await ensureWebBuilt();
  product = await startProduct({ bitrix24: { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET } });
  await product.startSessionHost();
  emulator = createBitrix24Emulator({ productUrl: product.url });
  emulatorUrl = await emulator.listen(0);
  portal = emulatorControl(emulatorUrl);
  emulator.app.get('/contact_center/connector/', (req, res) => {
    const page = sliderPages.get(String(req.query.olb_test));
    if (!page) return void res.status(404).type('text').send('no such slider page');
    res.type('html').send(page);
  });
  await portal.install({ mode: 'event' });
  memberId = emulator.state.memberId;
  await eventually(async () => ((await PortalModel.findById(memberId).lean())?.registeredAt ? true : undefined), 20_000, 'registrations');
  await storeUnreachablePortal(OTHER_PORTAL, 'other.bitrix24.de', { applicationToken: 'other-application-token' });
  browser = await launchBrowser();
});

after(async () => {
  await Promise.allSettled(contexts.map((context) => context.close()));
  await browser?.close();
  await product?.stop();
  await emulator?.close();
});

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The slider pages the emulator serves to this test, by key: the portal page with the placement form. */
const sliderPages = new Map<string, string>();

/**
 * Opens the slider the way Bitrix24 does: a page on the portal's origin (served by the emulator's own
 * server, so the browser sees the portal's origin and address) with an iframe, and the placement
 * form posted into it.
 */
async function openSlider(form: { action: string; fields: Record<string, string> }, override: Record<string, string> = {}) {
  const context = await browser.newContext({ viewport: { width: 760, height: 1000 }, locale: 'ru-RU' });
  contexts.push(context);
  context.setDefaultTimeout(BROWSER_TIMEOUT);
  const page = await context.newPage();
  const key = String(sliderPages.size + 1);
  const sliderUrl = `${emulatorUrl}/contact_center/connector/?ID=${CONNECTOR_TYPE}&IFRAME=Y&IFRAME_TYPE=SIDE_SLIDER&olb_test=${key}`;
  const inputs = Object.entries({ ...form.fields, ...override })
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  sliderPages.set(
    key,
    `<!doctype html><html><head><meta charset="utf-8"><title>Битрикс24: Контакт-центр</title></head>
<body style="margin:0;font-family:sans-serif;background:#eef2f4">
<div style="padding:12px 16px;background:#2fc6f6;color:#fff;font-weight:600">Битрикс24 (эмулятор) · WhatsApp (Openline Bridge)</div>
<div style="padding:16px 0 0 140px"><iframe name="olb-slider" title="Настройки коннектора" style="width:600px;height:900px;border:0;background:#fff"></iframe></div>
<form id="placement" method="post" target="olb-slider" action="${escapeHtml(form.action)}">${inputs}</form>
<script>document.getElementById('placement').submit();</script>
</body></html>`,
  );
  const placementAnswer = page.waitForResponse((response) => response.url().startsWith(`${product.url}/bitrix24/placement`));
  const bearers: string[] = [];
  page.on('request', (request) => {
    const authorization = request.headers().authorization;
    if (request.url().startsWith(`${product.url}/api/`) && authorization) bearers.push(authorization.replace(/^Bearer /, ''));
  });
  await page.goto(sliderUrl);
  const answer = await placementAnswer;
  const slider = page.frameLocator('iframe[name="olb-slider"]');
  return { page, slider, status: answer.status(), bearers };
}

const section = (frame: FrameLocator, name: string) => frame.locator(`section[data-section="${name}"]`);
const api = (path: string, token: string, init: { method?: string; body?: unknown } = {}) => call(`${product.url}/api/v1${path}`, { ...init, token });

test('opened in the emulated Bitrix24 slider, the app shows only that portal\'s connector and renames it', async () => {
  const line = await portal.addLine({ name: 'Продажи WhatsApp' });
  const created = await product.api('/connectors', { method: 'POST', body: { name: 'Отдел продаж', portal: memberId, lineId: line.id } });
  assert.equal(created.status, 201);
  const id = created.body.id as string;
  const other = await product.api('/connectors', { method: 'POST', body: { name: 'Чужой портал', portal: OTHER_PORTAL } });
  const otherId = other.body.id as string;

  const { page, slider, status, bearers } = await openSlider(await portal.placementForm({ connector: CONNECTOR_TYPE, line: line.id }));
  assert.equal(status, 200);
  const name = section(slider, 'name');
  await name.getByRole('heading', { name: 'Отдел продаж' }).waitFor();
  await section(slider, 'status').locator('img[data-qr]').waitFor();
  await section(slider, 'line').getByText('Сообщения попадают в открытую линию Продажи WhatsApp', { exact: false }).waitFor();
  assert.equal(await slider.getByRole('button', { name: 'Выйти' }).count(), 0, 'no sign-out inside Bitrix24');
  assert.equal(await slider.getByText('Чужой портал').count(), 0);

  await name.getByRole('button', { name: 'Переименовать' }).click();
  const input = name.getByLabel('Новое название коннектора');
  await input.fill('Продажи (Битрикс24)');
  await input.press('Enter');
  await name.getByRole('heading', { name: 'Продажи (Битрикс24)' }).waitFor();
  await connectorWhen(product, id, (c) => c.name === 'Продажи (Битрикс24)', 'the new name stored');
  await screenshot(page, 'bitrix24-placement-slider');

  // The app called the api with the placement's session, not the admin token; that session reaches
  // this portal's connectors only.
  const session = bearers.find((token) => token.startsWith('olbs_'));
  assert.ok(session, `the app used the placement session (saw ${bearers.length} bearer calls)`);
  assert.ok(bearers.every((token) => token === session));
  const listed = ((await api('/connectors', session)).body as Array<{ id: string }>).map((c) => c.id);
  assert.ok(listed.includes(id) && !listed.includes(otherId), JSON.stringify(listed));
  assert.equal((await api(`/connectors/${otherId}`, session)).status, 404);
  assert.equal((await api(`/connectors/${otherId}`, session, { method: 'PATCH', body: { name: 'x' } })).status, 404);
  const stored = await page.evaluate(() => ({ cookies: document.cookie, session: JSON.stringify(window.sessionStorage) }));
  assert.equal(stored.cookies, '');
});

test('in the slider, a wrong APPLICATION_TOKEN gets 401 and a forged AUTH_ID is refused; neither opens the settings', async () => {
  const line = await portal.addLine({ name: 'Проверка доступа' });
  await product.api('/connectors', { method: 'POST', body: { name: 'Под защитой', portal: memberId, lineId: line.id } });
  const form = await portal.placementForm({ connector: CONNECTOR_TYPE, line: line.id });

  const wrongApp = await openSlider(form, { APPLICATION_TOKEN: 'd3adbeefd3adbeefd3adbeefd3adbeef' });
  assert.equal(wrongApp.status, 401);
  await wrongApp.slider.getByText('Запрос не от портала, на котором установлено приложение.').waitFor();
  assert.equal(await wrongApp.slider.getByText('Под защитой').count(), 0);
  await screenshot(wrongApp.page, 'bitrix24-placement-wrong-application-token');

  const forgedUser = await openSlider(form, { AUTH_ID: 'forged-user-token-1234567890' });
  assert.equal(forgedUser.status, 401);
  await forgedUser.slider.getByText('Битрикс24 не подтвердил пользователя', { exact: false }).waitFor();
  assert.equal(forgedUser.bearers.length, 0, 'no api call was made');
  await screenshot(forgedUser.page, 'bitrix24-placement-bad-auth-id');
});

test('on an open line without a connector, the slider creates one on that line; binding a taken line shows line_taken; unbinding works', async () => {
  const line = await portal.addLine({ name: 'Новая линия' });
  const spare = await portal.addLine({ name: 'Запасная линия' });
  const { page, slider } = await openSlider(await portal.placementForm({ connector: CONNECTOR_TYPE, line: line.id }));
  await slider.getByText('К этой открытой линии ещё не подключен WhatsApp', { exact: false }).waitFor();
  const picker = slider.getByLabel('Открытая линия', { exact: true });
  await eventually(async () => ((await picker.inputValue()) === String(line.id) ? true : undefined), BROWSER_TIMEOUT, 'the placement\'s line preselected');
  await screenshot(page, 'bitrix24-placement-create-on-line');
  await slider.getByLabel('Название коннектора').fill('WhatsApp поддержки');
  await slider.getByRole('button', { name: 'Создать коннектор' }).click();

  await section(slider, 'name').getByRole('heading', { name: 'WhatsApp поддержки' }).waitFor();
  const created = ((await product.api('/connectors')).body as Array<{ id: string; name: string; lineId: number | null }>).find((c) => c.name === 'WhatsApp поддержки');
  assert.equal(created?.lineId, line.id);
  const lineSection = section(slider, 'line');
  await lineSection.getByText('Сообщения попадают в открытую линию Новая линия', { exact: false }).waitFor();

  // Someone else takes the spare line while the page still shows it free: the choice is refused.
  const rival = await product.api('/connectors', { method: 'POST', body: { name: 'Соперник', portal: memberId, lineId: spare.id } });
  assert.equal(rival.status, 201);
  const linePicker = lineSection.getByLabel('Открытая линия коннектора');
  await linePicker.selectOption(String(spare.id));
  await lineSection.getByText('Эта открытая линия уже занята другим коннектором', { exact: false }).waitFor();
  await eventually(async () => ((await linePicker.inputValue()) === String(line.id) ? true : undefined), BROWSER_TIMEOUT, 'the bound line shown again');
  assert.equal((await product.api(`/connectors/${created.id}`)).body.lineId, line.id);
  await screenshot(page, 'bitrix24-placement-line-taken');

  await linePicker.selectOption('');
  await connectorWhen(product, created.id, (c) => c.lineId === null, 'unbound');
  await lineSection.getByText('Коннектор не подключен к открытой линии', { exact: false }).waitFor();
});

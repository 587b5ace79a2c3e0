import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createBitrix24Emulator, type Bitrix24Emulator } from '../../sandbox/bitrix24-emulator/app.js';
import { emulatorControl, type EmulatorControl } from '../../sandbox/bitrix24-emulator/control-client.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/bitrix24-emulator/portal.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { PortalModel } from '../../storage/models/portal.js';
import { BROWSER_TIMEOUT, ensureWebBuilt, launchBrowser, screenshot, sliderContext } from '../support/browser.js';
import { connectorWhen, eventually, startProduct, type Product } from '../support/product.js';

/**
 * A self-hosted admin (standalone sign-in) whose bridge is installed on two Bitrix24 portals: two
 * portal emulators, each installed through its own install event. Both number their open lines from
 * 1, so the same line number names a different line on each. Real headless Chromium, slider width.
 */
let product: Product;
let browser: Browser;
const emulators: Bitrix24Emulator[] = [];
const contexts: BrowserContext[] = [];
interface InstalledEmulator {
  control: EmulatorControl;
  memberId: string;
  domain: string;
}
let first: InstalledEmulator;
let second: InstalledEmulator;

async function installEmulator(): Promise<InstalledEmulator> {
  const emulator = createBitrix24Emulator({ productUrl: product.url });
  emulators.push(emulator);
  const control = emulatorControl(await emulator.listen(0));
  await control.install({ mode: 'event' });
  const { memberId } = emulator.state;
  await eventually(async () => ((await PortalModel.findById(memberId).lean())?.registeredAt ? true : undefined), BROWSER_TIMEOUT, 'registrations');
  return { control, memberId, domain: new URL(emulator.url).host };
}

before(async () => {
  await ensureWebBuilt();
  product = await startProduct({ bitrix24: { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET } });
  await product.startSessionHost();
  first = await installEmulator();
  second = await installEmulator();
  browser = await launchBrowser();
});

after(async () => {
  await Promise.allSettled(contexts.map((context) => context.close()));
  await browser?.close();
  await product?.stop();
  await Promise.allSettled(emulators.map((emulator) => emulator.close()));
});

/**
 * A signed-in standalone tab; `linesAsked` collects the open-lines requests the app makes and
 * `linesAnswered` their answers (status and body), so a failure says what the app was given.
 */
async function openPage(path: string): Promise<{ page: Page; linesAsked: string[]; linesAnswered: string[] }> {
  const context = await sliderContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  const linesAsked: string[] = [];
  const linesAnswered: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v1/lines') linesAsked.push(url.search);
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/api/v1/lines') return;
    void response.text().then((body) => linesAnswered.push(`${response.status()} ${body.slice(0, 300)}`), () => undefined);
  });
  await page.goto(`${product.url}${path}`);
  return { page, linesAsked, linesAnswered };
}

const optionLabels = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).locator('option').evaluateAll((options) => options.map((option) => option.textContent ?? ''));

test('the admin creates a connector on the second portal\'s open line from the form, which offers that portal\'s lines only', async () => {
  const firstLine = await first.control.addLine({ name: 'Продажи первого портала' });
  const secondLine = await second.control.addLine({ name: 'Поддержка второго портала' });
  assert.equal(secondLine.id, firstLine.id, 'both portals gave their new line the same number');
  // The first portal's line of that number is taken; the second portal's is not.
  const onFirst = await product.api('/connectors', { method: 'POST', body: { name: 'Продажи', portal: first.memberId, lineId: firstLine.id } });
  assert.equal(onFirst.status, 201, JSON.stringify(onFirst.body));

  const { page, linesAsked } = await openPage('/app/');
  const portalSelect = page.getByLabel('Портал Битрикс24');
  await portalSelect.waitFor();
  assert.deepEqual((await optionLabels(page, 'Портал Битрикс24')).sort(), [first.domain, second.domain].sort());
  await portalSelect.selectOption({ label: second.domain });
  const linePicker = page.getByLabel('Открытая линия', { exact: true });
  await linePicker.locator('option', { hasText: 'Поддержка второго портала' }).waitFor({ state: 'attached' });
  const offered = await optionLabels(page, 'Открытая линия');
  assert.ok(offered.every((label) => !label.includes('первого портала')), `the first portal's lines are not offered: ${offered.join(' | ')}`);
  assert.ok(offered.includes(`Поддержка второго портала (#${secondLine.id})`), `the same number is free on the second portal: ${offered.join(' | ')}`);
  assert.ok(linesAsked.includes(`?portal=${second.memberId}`), `asked for the second portal's lines: ${linesAsked.join(', ')}`);
  assert.ok(!linesAsked.includes(''), 'never asked for lines without naming the portal');

  await linePicker.selectOption(String(secondLine.id));
  await page.getByLabel('Название коннектора').fill('Поддержка WhatsApp');
  await screenshot(page, 'several-portals-create-form');
  await page.getByRole('button', { name: 'Создать коннектор' }).click();

  const created = await eventually(
    async () => (await ConnectorModel.findOne({ name: 'Поддержка WhatsApp' }).lean()) ?? undefined,
    BROWSER_TIMEOUT,
    'the connector created',
  );
  assert.deepEqual({ portal: created.portal, lineId: created.lineId }, { portal: second.memberId, lineId: secondLine.id });
  await eventually(async () => {
    const line = (await second.control.portal()).lines.find((l) => l.id === secondLine.id);
    return line?.connectors.some((c) => c.active) ? true : undefined;
  }, BROWSER_TIMEOUT, 'the connector activated on the second portal\'s line');
  await page.locator(`li[data-connector="${created._id}"]`).waitFor();
  assert.equal(await portalSelect.inputValue(), second.memberId, 'the chosen portal stays for the next connector');
});

test('a connector\'s page offers the open lines of its own portal, and names that portal', async () => {
  const line = await second.control.addLine({ name: 'Доставка второго портала' });
  await first.control.addLine({ name: 'Склад первого портала' });
  const created = await product.api('/connectors', { method: 'POST', body: { name: 'Доставка', portal: second.memberId, lineId: line.id } });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  const { page, linesAsked, linesAnswered } = await openPage(`/app/connectors/${created.body.id}`);
  const lineSection = page.locator('section[data-section="line"]');
  await lineSection
    .getByText('Сообщения попадают в открытую линию Доставка второго портала', { exact: false })
    .waitFor()
    .catch(async (err: Error) => {
      throw new Error(`${err.message}\nthe line section said: ${await lineSection.innerText()}\nthe lines answers: ${linesAnswered.join(' | ')}`);
    });
  await lineSection.getByText(`Открытые линии портала ${second.domain}.`).waitFor();
  const offered = await optionLabels(page, 'Открытая линия коннектора');
  assert.ok(offered.every((label) => !label.includes('первого портала')), offered.join(' | '));
  assert.deepEqual([...new Set(linesAsked)], [`?portal=${second.memberId}`]);
  await lineSection.scrollIntoViewIfNeeded();
  await screenshot(page, 'several-portals-connector-line', { fullPage: false });
});

test('a connector no portal has claimed shows that it has no line, and asks for no portal\'s lines', async () => {
  const created = await product.api('/connectors', { method: 'POST', body: { name: 'Без портала', portal: first.memberId } });
  // As after a portal's uninstall with CLEAN=1, which takes its portal off the connector.
  await ConnectorModel.updateOne({ _id: created.body.id }, { $set: { portal: null } });
  await connectorWhen(product, created.body.id, (c) => c.portal === null, 'the connector without a portal');

  const { page, linesAsked } = await openPage(`/app/connectors/${created.body.id}`);
  const lineSection = page.locator('section[data-section="line"]');
  await lineSection.getByText('Коннектор не подключен к открытой линии', { exact: false }).waitFor();
  await page.locator('section[data-section="name"]').getByRole('heading', { name: 'Без портала' }).waitFor();
  assert.equal(await lineSection.locator('select').count(), 0);
  assert.deepEqual(linesAsked, []);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createBitrix24Emulator, type Bitrix24Emulator } from '../../sandbox/bitrix24-emulator/app.js';
import { emulatorControl, type EmulatorControl } from '../../sandbox/bitrix24-emulator/control-client.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/bitrix24-emulator/portal.js';
import { PortalModel } from '../../storage/models/portal.js';
import { UiSessionModel } from '../../storage/models/ui-session.js';
import { call } from '../support/http.js';
import { ensureWebBuilt } from '../support/browser.js';
import { eventually, startProduct, type Product } from '../support/product.js';
import { storeUnreachablePortal } from '../support/portal-records.js';

/**
 * The Bitrix24 settings placement (§8) on the whole product against the portal emulator: the
 * emulator produces the form Bitrix24 POSTs (`/control/placement`), the product checks the application
 * token and the user's token (`profile` on the portal), and the session it hands out sees only that
 * portal's connectors. A second installed portal (stored directly) owns a connector the session must
 * never see.
 */
let product: Product;
let emulator: Bitrix24Emulator;
let emulatorUrl: string;
let portal: EmulatorControl;
let memberId: string;
const OTHER_PORTAL = 'other-portal-member-0001';
const CONNECTOR_TYPE = 'olbridge_whatsapp';

before(async () => {
  await ensureWebBuilt();
  product = await startProduct({ bitrix24: { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET } });
  emulator = createBitrix24Emulator({ productUrl: product.url });
  emulatorUrl = await emulator.listen(0);
  portal = emulatorControl(emulatorUrl);
  await portal.install({ mode: 'event' });
  memberId = emulator.state.memberId;
  await eventually(async () => ((await PortalModel.findById(memberId).lean())?.registeredAt ? true : undefined), 20_000, 'registrations');
  await storeUnreachablePortal(OTHER_PORTAL, 'other.bitrix24.de', { applicationToken: 'other-application-token' });
});
after(async () => {
  await product?.stop();
  await emulator?.close();
});

/** Posts the placement form as Bitrix24's slider does (form-encoded, DOMAIN & co. in the query string). */
async function openPlacement(form: { action: string; fields: Record<string, string> }, override: Record<string, string> = {}) {
  const response = await fetch(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.fields, ...override }),
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

function bootstrapOf(html: string): { token: string; connectorId?: string; lineId?: number } {
  const match = /window\.__OLB_SESSION__ = (\{.*?\});<\/script>/.exec(html);
  assert.ok(match, 'the page hands over a session');
  return JSON.parse(match[1]!) as { token: string; connectorId?: string; lineId?: number };
}

const api = (path: string, token: string, init: { method?: string; body?: unknown } = {}) => call(`${product.url}/api/v1${path}`, { ...init, token });

async function connectorOnNewLine(name: string) {
  const line = await portal.addLine({ name: `Line of ${name}` });
  const created = await product.api('/connectors', { method: 'POST', body: { name, portal: memberId, lineId: line.id } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { line, id: created.body.id as string };
}

test('the placement with the portal\'s application token and a good user token boots the app on the line\'s connector, frameable by the portal', async () => {
  const { line, id } = await connectorOnNewLine('Placement sales');
  const form = await portal.placementForm({ connector: CONNECTOR_TYPE, line: line.id });
  assert.equal(form.action.split('?')[0], `${product.url}/bitrix24/placement`);
  const page = await openPlacement(form);
  assert.equal(page.status, 200, page.html);
  assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  assert.equal(page.headers.get('x-frame-options'), null);
  const csp = page.headers.get('content-security-policy') ?? '';
  assert.match(csp, /frame-ancestors /);
  assert.ok(csp.includes(new URL(emulatorUrl).origin), `the emulator may frame it: ${csp}`);
  assert.ok(csp.includes('https://*.bitrix24.ru') && csp.includes('https://other.bitrix24.de'), csp);
  assert.equal(page.headers.get('set-cookie'), null, 'no cookie: the session is in the page');
  assert.match(page.html, /<script type="module"[^>]*src="\/app\/assets\//);

  const boot = bootstrapOf(page.html);
  assert.equal(boot.connectorId, id);
  assert.match(boot.token, /^olbs_[\w-]{40,}$/);
  const stored = await UiSessionModel.find().lean();
  assert.ok(stored.every((s) => s._id !== boot.token), 'only a hash of the token is stored');
  const session = stored.find((s) => s.memberId === memberId && s.userId === 1);
  assert.ok(session?.admin);
  assert.ok(session.expiresAt.getTime() > Date.now() + 30 * 60_000);

  const app = await call(`${product.url}/app/`);
  assert.equal(app.headers.get('x-frame-options'), null);
  assert.ok((app.headers.get('content-security-policy') ?? '').includes(new URL(emulatorUrl).origin));
});

test('a wrong APPLICATION_TOKEN gets 401 and no session; a bad or missing AUTH_ID is refused; a non-admin gets no session', async () => {
  const { line } = await connectorOnNewLine('Trust checks');
  const before = await UiSessionModel.countDocuments();
  const form = await portal.placementForm({ connector: CONNECTOR_TYPE, line: line.id });

  const wrongApp = await openPlacement(form, { APPLICATION_TOKEN: 'not-the-application-token' });
  assert.equal(wrongApp.status, 401);
  assert.doesNotMatch(wrongApp.html, /__OLB_SESSION__/);
  const otherPortalToken = await openPlacement(form, { APPLICATION_TOKEN: 'other-application-token' });
  assert.equal(otherPortalToken.status, 401, 'another portal\'s token is no good for this member_id');

  const badUser = await openPlacement(form, { AUTH_ID: 'forged-user-token-0000' });
  assert.equal(badUser.status, 401);
  assert.doesNotMatch(badUser.html, /__OLB_SESSION__/);
  const noUser = await openPlacement(form, { AUTH_ID: '' });
  assert.equal(noUser.status, 401);
  // A forged DOMAIN does not move the check elsewhere: profile goes to the stored client endpoint.
  const forgedDomain = await openPlacement({ ...form, action: form.action.replace(/DOMAIN=[^&]+/, 'DOMAIN=evil.example') });
  assert.equal(forgedDomain.status, 200);

  const user = await portal.addUser({ name: 'Olga', admin: false });
  const nonAdmin = await openPlacement(await portal.placementForm({ connector: CONNECTOR_TYPE, line: line.id, userId: user.id }));
  assert.equal(nonAdmin.status, 403);
  assert.doesNotMatch(nonAdmin.html, /__OLB_SESSION__/);
  assert.equal(await UiSessionModel.countDocuments(), before + 1, 'only the genuine admin request made a session');
});

test('the session token sees and changes only its portal\'s connectors; others answer 404', async () => {
  const { line, id } = await connectorOnNewLine('Scoped');
  const other = await product.api('/connectors', { method: 'POST', body: { name: 'Other portal', portal: OTHER_PORTAL } });
  assert.equal(other.status, 201);
  const otherId = other.body.id as string;
  const { token } = bootstrapOf((await openPlacement(await portal.placementForm({ connector: CONNECTOR_TYPE, line: line.id }))).html);

  const list = await api('/connectors', token);
  assert.equal(list.status, 200);
  const ids = (list.body as Array<{ id: string }>).map((c) => c.id);
  assert.ok(ids.includes(id));
  assert.ok(!ids.includes(otherId), 'the other portal\'s connector is not listed');
  const adminIds = ((await product.api('/connectors')).body as Array<{ id: string }>).map((c) => c.id);
  assert.ok(adminIds.includes(otherId), 'the admin token still sees everything');

  for (const [method, path, body] of [
    ['GET', `/connectors/${otherId}`],
    ['PATCH', `/connectors/${otherId}`, { name: 'Taken over' }],
    ['GET', `/connectors/${otherId}/settings`],
    ['POST', `/connectors/${otherId}/disconnect`],
    ['DELETE', `/connectors/${otherId}`],
    ['GET', `/connectors/${otherId}/messages/nope`],
  ] as Array<[string, string, unknown?]>) {
    const answer = await api(path, token, { method, body });
    assert.equal(answer.status, 404, `${method} ${path}`);
  }
  assert.equal((await product.api(`/connectors/${otherId}`)).body.name, 'Other portal');

  const renamed = await api(`/connectors/${id}`, token, { method: 'PATCH', body: { name: 'Renamed in Bitrix24' } });
  assert.equal(renamed.status, 200);
  assert.equal((await product.api(`/connectors/${id}`)).body.name, 'Renamed in Bitrix24');
  assert.equal((await api(`/connectors/${id}/settings`, token)).status, 200);

  const lines = await api('/lines', token);
  assert.equal(lines.status, 200, JSON.stringify(lines.body));
  assert.deepEqual(
    (lines.body as Array<{ id: number; connectorId: string | null }>).find((l) => l.id === line.id),
    { id: line.id, name: `Line of Scoped`, active: true, connectorId: id },
  );
  assert.equal((await api(`/lines?portal=${OTHER_PORTAL}`, token)).status, 404);

  const created = await api('/connectors', token, { method: 'POST', body: { name: 'Made in the placement' } });
  assert.equal(created.status, 201);
  assert.ok(((await api('/connectors', token)).body as Array<{ id: string }>).some((c) => c.id === created.body.id));
  assert.equal((await api('/connectors', token, { method: 'POST', body: { name: 'Elsewhere', portal: OTHER_PORTAL } })).status, 404);
});

test('the session lists its own portal only, while the admin token lists every installed one', async () => {
  const { line } = await connectorOnNewLine('Portals list');
  const { token } = bootstrapOf((await openPlacement(await portal.placementForm({ connector: CONNECTOR_TYPE, line: line.id }))).html);
  const own = await api('/portals', token);
  assert.equal(own.status, 200);
  assert.deepEqual(own.body, [{ memberId, domain: new URL(emulatorUrl).host }]);
  const all = (await product.api('/portals')).body as Array<{ memberId: string }>;
  assert.deepEqual(all.map((p) => p.memberId).sort(), [memberId, OTHER_PORTAL].sort());
});

test('a placement on a line with no connector hands over the line, so the app offers to create one there', async () => {
  const line = await portal.addLine({ name: 'Empty line' });
  const boot = bootstrapOf((await openPlacement(await portal.placementForm({ connector: CONNECTOR_TYPE, line: line.id }))).html);
  assert.equal(boot.connectorId, undefined);
  assert.equal(boot.lineId, line.id);
  const created = await api('/connectors', boot.token, { method: 'POST', body: { name: 'On the empty line', lineId: line.id } });
  assert.equal(created.status, 201);
  assert.equal(created.body.lineId, line.id);
});

test('an expired session, an unknown token, or a session of an uninstalled portal answer 401', async () => {
  const { line } = await connectorOnNewLine('Expiry');
  const { token } = bootstrapOf((await openPlacement(await portal.placementForm({ connector: CONNECTOR_TYPE, line: line.id }))).html);
  assert.equal((await api('/connectors', token)).status, 200);
  assert.equal((await api('/connectors', `${token}x`)).status, 401);
  assert.equal((await api('/connectors', 'olbs_unknown')).status, 401);

  await PortalModel.updateOne({ _id: memberId }, { $set: { uninstalledAt: new Date() } });
  assert.equal((await api('/connectors', token)).status, 401, 'the portal uninstalled the app');
  await PortalModel.updateOne({ _id: memberId }, { $set: { uninstalledAt: null } });
  assert.equal((await api('/connectors', token)).status, 200);

  await UiSessionModel.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  assert.equal((await api('/connectors', token)).status, 401);
});

test('in the sandbox the emulator may frame the app under either loopback name', async () => {
  const { emulatorFrameAncestors } = await import('../../api/middleware/frame-ancestors.js');
  assert.deepEqual(emulatorFrameAncestors('http://127.0.0.1:3100/'), ['http://127.0.0.1:3100', 'http://localhost:3100']);
  assert.deepEqual(emulatorFrameAncestors('https://portal.example.org'), ['https://portal.example.org']);
  assert.deepEqual(emulatorFrameAncestors(undefined), []);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ConnectorModel } from '../../storage/models/connector.js';
import { PortalModel } from '../../storage/models/portal.js';
import { startPortalDouble, type PortalDouble } from '../support/bitrix24-double.js';
import { eventually, startProduct, type Product } from '../support/product.js';
import { storeUnreachablePortal } from '../support/portal-records.js';

/**
 * Which Bitrix24 portal a connector belongs to, through the management API and the install handler:
 * it is written on the connector, so installing another portal never takes connectors away from the
 * first. The tests run in order: no portal, then one, then two.
 */
let product: Product;
let first: PortalDouble;
let second: PortalDouble;

before(async () => {
  product = await startProduct();
  [first, second] = await Promise.all([startPortalDouble(), startPortalDouble()]);
});
after(async () => {
  await Promise.all([first.stop(), second.stop()]);
  await product.stop();
});

const portalOfConnector = async (id: string) => (await ConnectorModel.findById(id).lean())?.portal ?? null;

async function install(portal: PortalDouble): Promise<void> {
  assert.equal((await portal.install(product.url)).status, 200);
  await eventually(async () => ((await PortalModel.findById(portal.memberId).lean())?.registeredAt ? true : undefined), 30_000, 'the registrations');
}

let early: string;

test('a connector created before any portal is installed belongs to none yet', async () => {
  early = await product.createConnector('Before install');
  assert.equal(await portalOfConnector(early), null);
  assert.equal((await product.api(`/connectors/${early}`)).body.portal, null);
});

test('the first portal to install claims the connectors created before it, and lists them in its robot', async () => {
  await install(first);
  assert.equal(await portalOfConnector(early), first.memberId);
  const [robot] = first.callsOf('bizproc.robot.add');
  assert.match(JSON.stringify(robot!.body), new RegExp(early));
});

test('a connector created while one portal is installed is named for it', async () => {
  const id = await product.createConnector('With one portal');
  assert.equal(await portalOfConnector(id), first.memberId);
  assert.equal((await product.api(`/connectors/${id}`)).body.portal, first.memberId, 'the api names it too');
});

test('installing a second portal leaves every connector with the first', async () => {
  await install(second);
  const named = await ConnectorModel.find({}, { portal: 1 }).lean();
  assert.ok(named.length >= 2);
  assert.ok(named.every((connector) => connector.portal === first.memberId));
});

test('with several portals installed a new connector must name its portal: 422, and nothing is created', async () => {
  const before = await ConnectorModel.countDocuments();
  const refused = await product.api('/connectors', { method: 'POST', body: { name: 'Whose?' } });
  assert.deepEqual({ status: refused.status, error: refused.body.error }, { status: 422, error: 'portal_required' });
  assert.equal(await ConnectorModel.countDocuments(), before);
  const named = await product.api('/connectors', { method: 'POST', body: { name: 'Second portal\'s', portal: second.memberId } });
  assert.equal(named.status, 201);
  assert.equal(await portalOfConnector(named.body.id), second.memberId);
});

test('a connector cannot name a portal that is not installed: 422', async () => {
  const refused = await product.api('/connectors', { method: 'POST', body: { name: 'Nowhere', portal: 'no-such-member-id' } });
  assert.deepEqual({ status: refused.status, error: refused.body.error }, { status: 422, error: 'unknown_portal' });
});

test('the portals list names each installed portal by member id and domain, and leaves out an uninstalled one', async () => {
  await storeUnreachablePortal('uninstalled-member-0001', 'gone.bitrix24.ru', { uninstalled: true });
  const listed = await product.api('/portals');
  assert.equal(listed.status, 200);
  const byMemberId = (a: { memberId: string }, b: { memberId: string }) => a.memberId.localeCompare(b.memberId);
  assert.deepEqual(
    [...(listed.body as Array<{ memberId: string; domain: string }>)].sort(byMemberId),
    [first, second].map((portal) => ({ memberId: portal.memberId, domain: new URL(portal.url).host })).sort(byMemberId),
  );
});

test('an open line number is the portal\'s own: a connector on line 1 of one portal neither holds nor takes line 1 of the other', async () => {
  const onFirst = await product.api('/connectors', { method: 'POST', body: { name: 'First portal, line 1', portal: first.memberId, lineId: 1 } });
  assert.equal(onFirst.status, 201, JSON.stringify(onFirst.body));
  const holderOfLine1 = async (portal: PortalDouble) => {
    const lines = await product.api(`/lines?portal=${portal.memberId}`);
    assert.equal(lines.status, 200, JSON.stringify(lines.body));
    return (lines.body as Array<{ id: number; connectorId: string | null }>).find((line) => line.id === 1)?.connectorId;
  };
  assert.equal(await holderOfLine1(second), null, 'the second portal\'s line 1 is free');

  const onSecond = await product.api('/connectors', { method: 'POST', body: { name: 'Second portal, line 1', portal: second.memberId, lineId: 1 } });
  assert.equal(onSecond.status, 201, JSON.stringify(onSecond.body));
  assert.equal(onSecond.body.portal, second.memberId);
  assert.equal(await holderOfLine1(first), onFirst.body.id);
  assert.equal(await holderOfLine1(second), onSecond.body.id);

  const rival = await product.api('/connectors', { method: 'POST', body: { name: 'Rival on the second', portal: second.memberId } });
  const taken = await product.api(`/connectors/${rival.body.id}`, { method: 'PATCH', body: { lineId: 1 } });
  assert.deepEqual({ status: taken.status, error: taken.body.error }, { status: 409, error: 'line_taken' }, 'within one portal a line still has one connector');
});

test('a connector leaving a line switches it off on its own portal, even while another portal has a connector on the same line number', async () => {
  const onFirst = await product.api('/connectors', { method: 'POST', body: { name: 'First portal, line 2', portal: first.memberId, lineId: 2 } });
  const onSecond = await product.api('/connectors', { method: 'POST', body: { name: 'Second portal, line 2', portal: second.memberId, lineId: 2 } });
  assert.deepEqual([onFirst.status, onSecond.status], [201, 201]);
  const switched = (portal: PortalDouble, active: number) => portal.callsOf('imconnector.activate').some((call) => call.body.LINE === 2 && call.body.ACTIVE === active);
  await eventually(async () => (switched(second, 1) ? true : undefined), 45_000, 'line 2 switched on for the second portal');
  assert.equal((await product.api(`/connectors/${onSecond.body.id}`, { method: 'PATCH', body: { lineId: null } })).status, 200);
  await eventually(async () => (switched(second, 0) ? true : undefined), 45_000, 'line 2 switched off on the second portal');
  assert.ok(!switched(first, 0), 'the first portal\'s line 2 stays on');
});

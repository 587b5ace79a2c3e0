import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { InboundEventModel } from '../../storage/models/inbound-event.js';
import { startChatSandbox, type ChatSandbox } from '../support/chat-sandbox.js';
import { eventually } from '../support/product.js';

/**
 * A graceful stop of the orchestrator worker while a Bitrix24 call backs off from a portal that keeps
 * refusing it (the emulator's fault injection): the activity gives up at the worker's cancellation
 * instead of holding the stop until it is forced, and Temporal runs it again on the next worker. Real
 * Temporal, database, session host, WhatsApp simulator and Bitrix24 emulator.
 */
let sandbox: ChatSandbox;

before(async () => {
  sandbox = await startChatSandbox('+79990003000');
});
after(() => sandbox?.stop());

test('a worker stopped while the portal refuses a client message stops cleanly within seconds, and the message reaches the chat once on the next worker', async () => {
  const { product, portal, connectorId } = sandbox;
  const phone = '+79990003101';
  const text = 'Are you open today?';
  // QUERY_LIMIT_EXCEEDED proves nothing was processed, so the client backs off and tries again, for
  // longer than the worker's forced-shutdown time if nothing stops it.
  await portal.injectFault({ method: 'imconnector.send.messages', kind: 'QUERY_LIMIT_EXCEEDED', count: 1000 });
  await product.phone.inbound(connectorId, { from: phone, text, pushName: 'Olga' });
  await eventually(async () => ((await portal.calls('imconnector.send.messages')).some((call) => call.status === 503) ? true : undefined), 30_000, 'the forward refused');

  const stopping = Date.now();
  const ended = await product.stopOrchestrator();
  const tookMs = Date.now() - stopping;
  assert.equal(ended, undefined, `the shutdown had to be forced: ${String(ended)}`);
  // The grace period (2 s in tests) and the activity's cancellation, with room for a loaded machine.
  assert.ok(tookMs < 8000, `the worker took ${tookMs} ms to stop`);
  // Released for Temporal's retry: an event left `sending` would be recorded as unknown, never resent.
  assert.equal((await InboundEventModel.findOne({ connectorId, text }).lean<{ status: string }>())?.status, 'pending');

  await portal.clearFaults();
  await product.startOrchestrator();
  await eventually(async () => ((await InboundEventModel.countDocuments({ connectorId, text, status: 'forwarded' })) === 1 ? true : undefined), 40_000, 'the message forwarded');
  const chat = await sandbox.chatOf(phone);
  assert.equal(chat?.messages.filter((message) => message.author === 'client' && message.text.includes(text)).length, 1);
});

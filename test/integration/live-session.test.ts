import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LiveSession } from '../../activities/session/live-session.js';
import type { SessionReportBody } from '../../domain/session.js';
import { createMongoAuthStore } from '../../integrations/whatsapp/baileys/mongo-auth-store.js';
import type { TransportEvent, TransportOptions, WhatsAppTransport } from '../../integrations/whatsapp/transport.js';
import { createLogger } from '../../lib/logger.js';
import { ConnectorQrModel } from '../../storage/models/connector-qr.js';
import { useTestDatabase } from '../support/servers.js';

/**
 * The session's reports to the ConnectorWorkflow, with the QR stored in the real database. The socket is
 * scripted here: what is under test is the order in which the session passes its events on.
 */
let dropDatabase: () => Promise<void>;
before(async () => {
  dropDatabase = await useTestDatabase();
});
after(() => dropDatabase());

function scriptedSocket() {
  let emit: (event: TransportEvent) => void = () => undefined;
  const factory = (options: TransportOptions): WhatsAppTransport => {
    emit = options.onEvent;
    const refuse = () => Promise.reject(new Error('not scripted'));
    return {
      connect: async () => undefined,
      close: async () => undefined,
      requestPairingCode: refuse,
      isOnWhatsApp: refuse,
      send: refuse,
      setOnline: async () => undefined,
      logout: refuse,
    };
  };
  return { factory, emit: (event: TransportEvent) => emit(event) };
}

test('a QR report still in flight when the socket opens is reported before "connected", never after it', async () => {
  const socket = scriptedSocket();
  const reported: string[] = [];
  let connected!: () => void;
  const connectedReported = new Promise<void>((resolve) => (connected = resolve));
  const session = new LiveSession({
    connectorId: 'ordered-reports',
    showOnline: false,
    transportFactory: socket.factory,
    auth: createMongoAuthStore('ordered-reports', Buffer.alloc(32, 1)),
    logger: createLogger('test', 'silent'),
    report: async (body: SessionReportBody) => {
      // Temporal answering the pairing report slowly, as on a loaded server.
      if (body.kind === 'pairing') await new Promise((resolve) => setTimeout(resolve, 300));
      reported.push(body.kind);
      if (body.kind === 'connected') connected();
    },
  });
  const running = session.run();
  socket.emit({ type: 'qr', qr: 'qr-1', expiresAt: Date.now() + 60_000 });
  socket.emit({ type: 'open', phone: '+79990000001' });
  await connectedReported;
  assert.deepEqual(reported, ['pairing', 'connected']);
  assert.equal(await ConnectorQrModel.countDocuments({ _id: 'ordered-reports' }), 0, 'no QR left behind once connected');
  await session.stop();
  await running;
});

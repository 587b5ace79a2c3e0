import { createBitrix24Emulator, type Bitrix24Emulator } from '../../sandbox/bitrix24-emulator/app.js';
import { emulatorControl, type EmulatorControl } from '../../sandbox/bitrix24-emulator/control-client.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/bitrix24-emulator/portal.js';
import { ContactModel } from '../../storage/models/contact.js';
import { connectorWhen, eventually, startProduct, type Product } from './product.js';

/**
 * The product installed on the Bitrix24 emulator with one connected connector bound to an open line:
 * the stage for the chat's autoresponders and bot, played through the simulator's phone controls.
 */
export interface ChatSandbox {
  product: Product;
  emulator: Bitrix24Emulator;
  portal: EmulatorControl;
  connectorId: string;
  lineId: number;
  /** Merges `change` into the connector's saved settings (one level deep), as the settings app saves them. */
  settle(change: Record<string, unknown>): Promise<void>;
  /** Texts the connector sent to `phone` through the pipeline. */
  sentTo(phone: string): Promise<string[]>;
  /** The open line chat of the client with `phone`, when there is one. */
  chatOf(phone: string): Promise<{ messages: Array<{ author: string; text: string; files: unknown[] }> } | undefined>;
  contactIdOf(phone: string): Promise<string>;
  /** Stops the session host as a deploy or a crash would: the account's socket closes and WhatsApp holds its events. */
  stopSessionHost(): Promise<void>;
  /** A session host again: the account reconnects with its stored pairing and gets what WhatsApp held. */
  startSessionHost(): Promise<void>;
  stop(): Promise<void>;
}

/** Without `accountPhone`, the connector is left pairing with its QR on offer, for the test to pair it. */
export async function startChatSandbox(accountPhone?: string): Promise<ChatSandbox> {
  const product = await startProduct({ qr: { qrRotateMs: 2000, qrFirstMs: 400, qrRotations: 100 }, bitrix24: { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET } });
  let stopSessionHost = await product.startSessionHost();
  const emulator = createBitrix24Emulator({ productUrl: product.url });
  const portal = emulatorControl(await emulator.listen(0));
  await portal.install({ mode: 'event' });
  const line = await portal.addLine({ name: 'WhatsApp' });
  const connectorId = await product.createConnector('Chats');
  if (accountPhone) {
    await product.scanShownQr(connectorId, accountPhone);
    await connectorWhen(product, connectorId, (c) => c.state === 'connected', 'connected');
  }
  await product.api(`/connectors/${connectorId}`, { method: 'PATCH', body: { lineId: line.id } });
  await eventually(async () => ((await portal.calls('imconnector.connector.data.set')).some((c) => c.status === 200) ? true : undefined), 20_000, 'the line activated');

  return {
    product,
    emulator,
    portal,
    connectorId,
    lineId: line.id,
    async settle(change) {
      const current = (await product.api(`/connectors/${connectorId}/settings`)).body as Record<string, Record<string, unknown>>;
      const next = { ...current, ...Object.fromEntries(Object.entries(change).map(([key, value]) => [key, Array.isArray(value) ? value : { ...current[key], ...(value as object) }])) };
      const saved = await product.api(`/connectors/${connectorId}/settings`, { method: 'PUT', body: next });
      if (saved.status !== 200) throw new Error(`settings answered ${saved.status}: ${JSON.stringify(saved.body)}`);
    },
    async sentTo(phone) {
      return (await product.phone.sent(connectorId)).filter((entry) => entry.to === phone).map((entry) => entry.text ?? '');
    },
    async chatOf(phone) {
      const chat = (await portal.chats()).find((c) => c.line === line.id && c.user.phone === phone);
      return chat ? portal.chat(chat.id) : undefined;
    },
    async contactIdOf(phone) {
      return eventually(async () => (await ContactModel.findOne({ connectorId, phone }).lean<{ _id: string }>())?._id, 20_000, `the contact of ${phone}`);
    },
    async stopSessionHost() {
      await stopSessionHost();
    },
    async startSessionHost() {
      stopSessionHost = await product.startSessionHost();
    },
    async stop() {
      await emulator.close();
      await product.stop();
    },
  };
}

/** Waits until `probe` holds for long enough that a late duplicate would have shown up. */
export async function settled<T>(probe: () => Promise<T | undefined>, what: string, quietMs = 1500): Promise<T> {
  await eventually(probe, 40_000, what);
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  return eventually(probe, 1000, what);
}

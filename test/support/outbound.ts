import { connectorWhen, eventually, type Product } from './product.js';

/** Helpers for the outbound tests: a paired account, sends through the API, and what the transport saw. */

export async function pairedConnector(product: Product, phone: string, name = 'Outbound'): Promise<string> {
  const id = await product.createConnector(name);
  const offered = await connectorWhen(product, id, (c) => !!c.qr, 'a QR');
  await product.phone.scan(id, { phone, qr: offered.qr });
  await connectorWhen(product, id, (c) => c.state === 'connected', 'connected');
  return id;
}

export async function send(product: Product, connectorId: string, body: Record<string, unknown>): Promise<string> {
  const answer = await product.api(`/connectors/${connectorId}/messages`, { method: 'POST', body });
  if (answer.status !== 202) throw new Error(`send answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.id as string;
}

export async function message(product: Product, connectorId: string, messageId: string) {
  return (await product.api(`/connectors/${connectorId}/messages/${messageId}`)).body;
}

/** The message once its status is one of `statuses`. */
export function messageWhen(product: Product, connectorId: string, messageId: string, statuses: string[], timeoutMs = 30_000) {
  return eventually(
    async () => {
      const view = await message(product, connectorId, messageId);
      return statuses.includes(view.status) ? view : undefined;
    },
    timeoutMs,
    `message ${messageId} ${statuses.join('/')}`,
  ).catch(async (err: Error) => {
    throw new Error(`${err.message}; it is ${JSON.stringify(await message(product, connectorId, messageId))}`);
  });
}

/** What the account sent once at least `count` messages left. */
export function sentAtLeast(product: Product, connectorId: string, count: number, timeoutMs = 30_000) {
  return eventually(
    async () => {
      const sent = (await product.phone.sent(connectorId)).filter((entry) => !entry.fromPhone);
      return sent.length >= count ? sent : undefined;
    },
    timeoutMs,
    `${count} messages sent`,
  );
}

/** Milliseconds between consecutive sends, as the transport received them. */
export const gaps = (sent: Array<{ at: number }>) => sent.slice(1).map((entry, i) => entry.at - sent[i]!.at);

export async function setIntervals(product: Product, connectorId: string, intervals: Record<string, number>): Promise<void> {
  const settings = (await product.api(`/connectors/${connectorId}/settings`)).body;
  const saved = await product.api(`/connectors/${connectorId}/settings`, { method: 'PUT', body: { ...settings, intervals: { ...settings.intervals, ...intervals } } });
  if (saved.status !== 200) throw new Error(`settings answered ${saved.status}: ${JSON.stringify(saved.body)}`);
}

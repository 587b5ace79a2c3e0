import { pairedConnector, send, sentAtLeast, gaps } from '../test/support/outbound.js';
import { startProduct } from '../test/support/product.js';
import { workflowIds } from '../workflows/constants.js';

/**
 * Pacing accuracy at the shortest interval (0.5 s), measured where it matters: the simulator's `at` for
 * each message, and the Temporal history events each message costs (outbox plus its send workflow).
 */
export async function benchPacing(servers: { temporalAddress: string; mongoUrl: string }, count = 30): Promise<string[]> {
  process.env.TEMPORAL_ADDRESS = servers.temporalAddress;
  process.env.MONGO_URL = servers.mongoUrl;
  const product = await startProduct({ qr: { qrRotateMs: 1000, qrRotations: 100 } });
  try {
    await product.startSessionHost();
    const id = await pairedConnector(product, '+79990009001', 'Bench');
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await send(product, id, { to: '+79990009002', text: `bench ${i}` }));
    const measured = gaps(await sentAtLeast(product, id, count, count * 5000)).sort((a, b) => a - b);
    const at = (p: number) => measured[Math.min(measured.length - 1, Math.floor(p * measured.length))]!;
    const events = async (workflowId: string) => (await product.client.workflow.getHandle(workflowId).fetchHistory()).events?.length ?? 0;
    const outbox = await events(workflowIds.outbox(id));
    const sends = (await Promise.all(ids.map((messageId) => events(workflowIds.send(id, messageId))))).reduce((a, b) => a + b, 0);
    return [
      `pacing at 0.5 s, gap at the transport      n=${String(measured.length).padStart(4)}  min=${at(0)} ms  p50=${at(0.5)} ms  p95=${at(0.95)} ms  max=${at(1)} ms`,
      `history events per message: outbox ${(outbox / count).toFixed(1)} + send workflow ${(sends / count).toFixed(1)} = ${((outbox + sends) / count).toFixed(1)}`,
    ];
  } finally {
    await product.stop();
  }
}

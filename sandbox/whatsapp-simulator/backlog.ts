import type { Logger } from '../../lib/logger.js';
import { SimulatorBacklogModel } from '../../storage/models/simulator-backlog.js';
import type { ServerFrame } from './protocol.js';

/** The account's open socket, if it has one: where the backlog is delivered. */
export type OpenSocketOf = (connectorId: string) => { send(frame: ServerFrame): Promise<void> } | undefined;

/**
 * WhatsApp's offline backlog. Every event for an account is stored first and then delivered in order
 * to its open socket, now or on the next open; an event leaves the backlog only once it was written
 * to a socket.
 */
export class Backlog {
  private readonly deliveries = new Map<string, Promise<void>>();

  constructor(
    private readonly openSocketOf: OpenSocketOf,
    private readonly logger: Logger,
  ) {}

  async push(connectorId: string, frame: ServerFrame): Promise<void> {
    // A JSON round trip drops undefined fields, which the driver would otherwise store as null.
    await SimulatorBacklogModel.create({ connectorId, frame: JSON.parse(JSON.stringify(frame)) as unknown });
    this.deliver(connectorId);
  }

  /** Starts delivering; deliveries for one account run one after another, so the order holds. */
  deliver(connectorId: string): void {
    const previous = this.deliveries.get(connectorId) ?? Promise.resolve();
    const next = previous.then(() => this.drain(connectorId)).catch((err: unknown) => this.logger.warn({ err, connectorId }, 'backlog delivery stopped'));
    this.deliveries.set(connectorId, next);
    void next.then(() => {
      if (this.deliveries.get(connectorId) === next) this.deliveries.delete(connectorId);
    });
  }

  async count(connectorId: string): Promise<number> {
    return SimulatorBacklogModel.countDocuments({ connectorId });
  }

  private async drain(connectorId: string): Promise<void> {
    for (;;) {
      const socket = this.openSocketOf(connectorId);
      if (!socket) return;
      const item = await SimulatorBacklogModel.findOne({ connectorId }).sort({ _id: 1 }).lean();
      if (!item) return;
      await socket.send(item.frame as ServerFrame);
      await SimulatorBacklogModel.deleteOne({ _id: item._id });
    }
  }
}

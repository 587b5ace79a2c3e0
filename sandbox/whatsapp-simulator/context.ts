import type { Logger } from '../../lib/logger.js';
import type { Backlog } from './backlog.js';
import type { SimulatorConnection } from './connection.js';
import type { QrTiming } from './qr.js';
import type { SocketRegistry } from './sockets.js';

/** What the simulator's sockets and control routes share within one api process. */
export interface SimulatorContext {
  logger: Logger;
  /** Region for numbers typed without a country code (DEFAULT_PHONE_REGION). */
  region: string;
  qr: QrTiming;
  sockets: SocketRegistry<SimulatorConnection>;
  backlog: Backlog;
}

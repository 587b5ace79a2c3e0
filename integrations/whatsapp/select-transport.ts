import type { Config } from '../../lib/config.js';
import { createBaileysTransport } from './baileys/transport.js';
import { createSimulatorTransport } from './simulator/transport.js';
import type { TransportFactory } from './transport.js';

/** Real WhatsApp through Baileys, or the sandbox's simulator: the only place that chooses. */
export function selectTransport(config: Pick<Config, 'whatsappTransport' | 'whatsappSimulatorUrl' | 'encryptionKey'>): TransportFactory {
  return config.whatsappTransport === 'baileys' ? createBaileysTransport({ encryptionKey: config.encryptionKey }) : createSimulatorTransport(config.whatsappSimulatorUrl);
}

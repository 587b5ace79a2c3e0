import type { Logger } from '../../lib/logger.js';
import type { TransportEvent } from '../../integrations/whatsapp/transport.js';
import { recordReceipt } from '../../storage/message-status.js';

/**
 * The session host's handler for what the socket hears about our own messages: delivery and read
 * receipts move the message's status (idempotently: a repeated receipt changes nothing). Other traffic is
 * the inbound pipeline's.
 */
export function outboundTraffic(logger: Logger, afterReceipt?: (connectorId: string, whatsappId: string) => Promise<void>) {
  return (connectorId: string, event: TransportEvent): void => {
    if (event.type !== 'receipt') return;
    recordReceipt(connectorId, event.id, event.status)
      // Whoever reports this message's progress (a follow-up) hears of it once it is recorded.
      .then(() => afterReceipt?.(connectorId, event.id))
      .catch((err: unknown) =>
      logger.warn({ err, connectorId, whatsappId: event.id }, 'could not record a receipt'),
    );
  };
}

import type { TransportEvent } from '../../integrations/whatsapp/transport.js';

export type TrafficHandler = (connectorId: string, event: TransportEvent) => void;

/**
 * The one `onTraffic` of a session host: everything the socket hears besides state changes (messages,
 * edits, deletions, receipts, calls) goes to each pipeline in turn. Each handler picks the event types
 * it owns and must not throw (they log their own failures), so one pipeline cannot starve another.
 * Pipelines: inbound (activities/inbound/record.ts), and the outbound receipts.
 */
export function trafficDispatcher(handlers: TrafficHandler[]): TrafficHandler {
  return (connectorId, event) => {
    for (const handle of handlers) handle(connectorId, event);
  };
}

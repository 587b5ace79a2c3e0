/** The connector states of the product's contract (see the README's "Connector states"). */
export const CONNECTOR_STATES = ['pairing', 'qr_timeout', 'connected', 'reconnecting', 'conflict', 'expired'] as const;
export type ConnectorState = (typeof CONNECTOR_STATES)[number];

/** What the ConnectorWorkflow reports about itself; plain JSON, carried across continue-as-new. */
export interface ConnectorStatus {
  connectorId: string;
  name: string;
  state: ConnectorState;
  lastError?: string;
  phone?: string;
  activeUntil?: string;
  sessionHost?: string;
}

/** The connector states of the product's contract (see the README's "Connector states"). */
export const CONNECTOR_STATES = ['pairing', 'qr_timeout', 'connected', 'reconnecting', 'conflict', 'expired'] as const;
export type ConnectorState = (typeof CONNECTOR_STATES)[number];

export interface Restriction {
  reason: string;
  /** ISO date when WhatsApp said the restriction ends, if it did. */
  until?: string;
}

/** What the ConnectorWorkflow reports about itself; plain JSON, carried across continue-as-new. */
export interface ConnectorStatus {
  connectorId: string;
  name: string;
  state: ConnectorState;
  lastError?: string;
  phone?: string;
  /** ISO date; absent = no expiry. */
  activeUntil?: string;
  /** The task queue of the session host holding the socket, while one does. */
  sessionHost?: string;
  restriction?: Restriction;
}

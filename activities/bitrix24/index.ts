import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { deliverAttentions } from './attention.js';
import { clientFactory, type Bitrix24Deps } from './deps.js';
import { forwardInbound } from './forward.js';
import { syncLineBinding } from './lines.js';
import { registerPortal } from './registration.js';

export type { Bitrix24Deps } from './deps.js';

/**
 * Orchestrator-side activities that talk to Bitrix24. Each names its idempotency in its own module;
 * `clientFor` is injectable so tests can share one client between activities and assertions.
 */
export function createBitrix24Activities(deps: Bitrix24Deps, clientFor: (memberId: string) => Bitrix24Client = clientFactory(deps)) {
  return {
    /** Install-time registrations; harmless to repeat. */
    registerPortal: (memberId: string) => registerPortal(deps, clientFor, memberId),
    /** Converges Bitrix24's line activation on the connector's `lineId`. */
    syncLineBinding: (connectorId: string) => syncLineBinding(deps, clientFor, connectorId),
    /** One stored client event into the open line; never sends twice. */
    forwardInbound: (eventId: string) => forwardInbound(deps, clientFor, eventId),
    /** Open attention records as portal notifications. */
    deliverAttentions: () => deliverAttentions(clientFor),
  };
}

export type Bitrix24Activities = ReturnType<typeof createBitrix24Activities>;

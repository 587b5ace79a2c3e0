import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { deliverAttentions } from './attention.js';
import { postToChat } from './chat-post.js';
import { clientFactory, type Bitrix24Deps } from './deps.js';
import { forwardInbound } from './forward.js';
import { syncLineBinding } from './lines.js';
import { missedCallTodo } from './missed-call.js';
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
    /** A system message in the client's open line chat; never posted twice per key. */
    postToChat: (connectorId: string, contactId: string, key: string, text: string) => postToChat(clientFor, connectorId, contactId, key, text),
    /** The CRM to-do of one missed call, its contact or lead found or added; never created twice. */
    missedCallTodo: (callEventId: string, settings: Parameters<typeof missedCallTodo>[2]) => missedCallTodo(clientFor, callEventId, settings),
  };
}

export type Bitrix24Activities = ReturnType<typeof createBitrix24Activities>;

/**
 * Inside Bitrix24 the settings app opens as the connector's settings placement: the server verifies
 * Bitrix24's placement POST, then renders a page that hands the app a short-lived session token,
 * either as `window.__OLB_SESSION__ = {token, connectorId?, lineId?}` or in the address fragment
 * (`#olb-session=<token>&connector=<id>`). The token stays in memory only: third-party cookies and
 * often storage are blocked in Bitrix24's iframe, and a token must not outlive the slider anyway.
 */
export interface PlacementBootstrap {
  token: string;
  /** The connector whose settings Bitrix24 opened, if the placement named one. */
  connectorId?: string;
  /** The open line Bitrix24 opened the settings for, when no connector is bound to it yet: the app offers to create one there. */
  lineId?: number;
}

declare global {
  interface Window {
    __OLB_SESSION__?: unknown;
  }
}

const FRAGMENT_TOKEN = 'olb-session';
const FRAGMENT_CONNECTOR = 'connector';

/** Reads the bootstrap once and removes it from the page, so nothing else can pick the token up later. */
export function takePlacementBootstrap(): PlacementBootstrap | undefined {
  return fromGlobal() ?? fromFragment();
}

function fromGlobal(): PlacementBootstrap | undefined {
  const value = window.__OLB_SESSION__;
  delete window.__OLB_SESSION__;
  if (typeof value !== 'object' || value === null) return undefined;
  const { token, connectorId, lineId } = value as { token?: unknown; connectorId?: unknown; lineId?: unknown };
  if (typeof token !== 'string' || token === '') return undefined;
  return {
    token,
    ...(typeof connectorId === 'string' && connectorId !== '' && { connectorId }),
    ...(typeof lineId === 'number' && Number.isInteger(lineId) && lineId > 0 && { lineId }),
  };
}

function fromFragment(): PlacementBootstrap | undefined {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get(FRAGMENT_TOKEN);
  if (!token) return undefined;
  // The fragment never reaches a server, but it stays in the history: take it out of the address.
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  const connectorId = params.get(FRAGMENT_CONNECTOR);
  return { token, ...(connectorId && { connectorId }) };
}

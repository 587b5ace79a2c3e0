import { createBitrix24Client, type Bitrix24Client } from '../../integrations/bitrix24/client.js';
import type { OAuthApp } from '../../integrations/bitrix24/tokens.js';
import type { Logger } from '../../lib/logger.js';
import { PortalModel } from '../../storage/models/portal.js';

export interface Bitrix24Deps {
  encryptionKey: Buffer;
  /** PUBLIC_URL: where Bitrix24 reaches our handlers and media. */
  publicUrl: string;
  oauth: OAuthApp;
  logger: Logger;
}

/** One client per portal per process, so each portal's calls share one rate bucket and one cached token. */
export function clientFactory(deps: Bitrix24Deps): (memberId: string) => Bitrix24Client {
  const clients = new Map<string, Bitrix24Client>();
  return (memberId) => {
    let client = clients.get(memberId);
    if (!client) {
      client = createBitrix24Client({ memberId, encryptionKey: deps.encryptionKey, oauth: deps.oauth, logger: deps.logger });
      clients.set(memberId, client);
    }
    return client;
  };
}

/**
 * The installed portal a connector forwards to: the one it names, or, for a connector created before
 * (or without) naming one, the only installed portal. Undefined when there is none to choose.
 */
export async function portalOf(connector: { portal?: string | null }): Promise<string | undefined> {
  if (connector.portal) return (await PortalModel.exists({ _id: connector.portal, uninstalledAt: null })) ? connector.portal : undefined;
  const portals = await PortalModel.find({ uninstalledAt: null }, { _id: 1 }).limit(2).lean<Array<{ _id: string }>>();
  return portals.length === 1 ? portals[0]!._id : undefined;
}

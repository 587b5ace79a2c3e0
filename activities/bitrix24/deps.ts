import { asyncLocalStorage } from '@temporalio/activity';
import { createBitrix24Client, type Bitrix24Client } from '../../integrations/bitrix24/client.js';
import type { OAuthApp } from '../../integrations/bitrix24/tokens.js';
import type { Logger } from '../../lib/logger.js';

export interface Bitrix24Deps {
  encryptionKey: Buffer;
  /** PUBLIC_URL: where Bitrix24 reaches our handlers and media. */
  publicUrl: string;
  oauth: OAuthApp;
  logger: Logger;
}

/** The cancellation of the activity running this code; none outside an activity (the api's own calls). */
const activityCancellation = () => asyncLocalStorage.getStore()?.cancellationSignal;

/**
 * One client per portal per process, so each portal's calls share one rate bucket and one cached token.
 * Each call heeds the cancellation of the activity making it, so a worker's shutdown is not held up by a
 * call still backing off from a refusing or unreachable portal.
 */
export function clientFactory(deps: Bitrix24Deps): (memberId: string) => Bitrix24Client {
  const clients = new Map<string, Bitrix24Client>();
  return (memberId) => {
    let client = clients.get(memberId);
    if (!client) {
      client = createBitrix24Client({ memberId, encryptionKey: deps.encryptionKey, oauth: deps.oauth, logger: deps.logger, cancellation: activityCancellation });
      clients.set(memberId, client);
    }
    return client;
  };
}

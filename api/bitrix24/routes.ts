import express, { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from '../../lib/logger.js';
import { eventRoutes, type EventDeps } from './events.js';
import { installRoutes } from './install.js';
import { sendRequestRoutes } from './send-requests.js';

export interface Bitrix24RouteDeps {
  temporal: Client;
  orchestratorQueue: string;
  encryptionKey: Buffer;
  logger: Logger;
  onOperatorEvent?: EventDeps['onOperatorEvent'];
}

/**
 * The handlers Bitrix24 calls (`/bitrix24/*`, names in ../shared/design/api.md). Bodies are form-encoded
 * with PHP-style keys (`auth[member_id]`), parsed into nested objects; each handler checks the portal's
 * application token before it stores anything. The placement (`/bitrix24/placement`) is mounted by
 * app.ts next to the settings app it serves.
 */
export function bitrix24Routes(deps: Bitrix24RouteDeps): Router {
  return Router()
    .use(express.urlencoded({ extended: true, limit: '5mb', parameterLimit: 10_000 }))
    .use('/install', installRoutes(deps))
    .use('/events', eventRoutes(deps))
    .use('/robot', sendRequestRoutes('ROBOT', deps))
    .use('/sms', sendRequestRoutes('SMS', deps));
}

import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { probeToken } from '../../integrations/bitrix24/client.js';
import { seal } from '../../lib/crypto.js';
import type { Logger } from '../../lib/logger.js';
import { claimUnnamedConnectors } from '../../storage/connector-portal.js';
import { PortalModel, type PortalDocument } from '../../storage/models/portal.js';
import { workflowIds } from '../../workflows/constants.js';
import { installedSignal } from '../../workflows/messages.js';
import type { portalSetupWorkflow } from '../../workflows/bitrix24.js';
import { rec, str, wrongToken, type FormBody } from './trust.js';

export interface InstallDeps {
  temporal: Client;
  orchestratorQueue: string;
  encryptionKey: Buffer;
  logger: Logger;
}

interface InstallAuth {
  memberId: string;
  domain: string;
  clientEndpoint?: string;
  serverEndpoint: string;
  applicationToken: string;
  accessToken: string;
  refreshToken: string;
  expiresAt?: Date;
  userId?: number;
  status?: string;
}

const DEFAULT_SERVER_ENDPOINT = 'https://oauth.bitrix.info/rest/';

/** ONAPPINSTALL carries everything in `auth[…]` (§2.2). */
function fromEvent(body: FormBody): InstallAuth | undefined {
  const auth = rec(body.auth);
  const [memberId, domain, applicationToken, accessToken, refreshToken] = ['member_id', 'domain', 'application_token', 'access_token', 'refresh_token'].map((k) => str(auth[k]));
  if (!memberId || !domain || !applicationToken || !accessToken || !refreshToken) return undefined;
  const expires = Number(str(auth.expires));
  return {
    memberId, domain, applicationToken, accessToken, refreshToken,
    clientEndpoint: str(auth.client_endpoint),
    serverEndpoint: str(auth.server_endpoint) ?? DEFAULT_SERVER_ENDPOINT,
    expiresAt: expires > 0 ? new Date(expires * 1000) : undefined,
    userId: Number(str(auth.user_id)) || undefined,
    status: str(auth.status),
  };
}

/**
 * The install page gets the placement fields of §8: no client_endpoint, so it is built from DOMAIN and
 * PROTOCOL (the domain may carry a port); an endpoint stored from ONAPPINSTALL wins over it.
 */
function fromPage(body: FormBody, query: FormBody): InstallAuth | undefined {
  const domain = str(query.DOMAIN) ?? str(body.DOMAIN);
  const [memberId, applicationToken, accessToken, refreshToken] = ['member_id', 'APPLICATION_TOKEN', 'AUTH_ID', 'REFRESH_ID'].map((k) => str(body[k]));
  if (!memberId || !domain || !applicationToken || !accessToken || !refreshToken) return undefined;
  const protocol = str(query.PROTOCOL) ?? str(body.PROTOCOL);
  const expiresIn = Number(str(body.AUTH_EXPIRES));
  return {
    memberId, domain, applicationToken, accessToken, refreshToken,
    clientEndpoint: `${protocol === '0' ? 'http' : 'https'}://${domain}/rest/`,
    serverEndpoint: str(body.SERVER_ENDPOINT) ?? DEFAULT_SERVER_ENDPOINT,
    expiresAt: expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000) : undefined,
    status: str(body.status),
  };
}

/**
 * `POST /bitrix24/install`: the install page and ONAPPINSTALL (the `event` field tells them apart; both
 * may arrive). The portal is stored with sealed tokens, then the `bitrix24-setup:<member_id>` workflow
 * registers the connector type, events, robot and SMS senders on the orchestrator worker; registering
 * twice is harmless. The page waits for the setup and answers with HTML calling `BX24.installFinish()`;
 * the event answers at once (Bitrix24 does not wait, §3.1).
 */
export function installRoutes(deps: InstallDeps): Router {
  async function store(auth: InstallAuth, fromPageRequest: boolean): Promise<void> {
    const existing = await PortalModel.findById(auth.memberId).lean<PortalDocument>();
    if (existing && !existing.uninstalledAt && existing.applicationToken !== auth.applicationToken) {
      // A reinstall whose ONAPPUNINSTALL never reached us: believe the new token only if the portal we
      // already know accepts the access token that came with it.
      if (!(await probeToken(existing.clientEndpoint, 'app.info', auth.accessToken))) throw wrongToken();
    }
    const clientEndpoint = (fromPageRequest && existing?.clientEndpoint) || auth.clientEndpoint;
    if (!clientEndpoint) throw wrongToken();
    if (fromPageRequest && !existing && !(await probeToken(clientEndpoint, 'profile', auth.accessToken))) throw wrongToken();
    await PortalModel.updateOne(
      { _id: auth.memberId },
      {
        $set: {
          domain: auth.domain,
          clientEndpoint,
          serverEndpoint: auth.serverEndpoint,
          applicationToken: auth.applicationToken,
          accessToken: seal(auth.accessToken, deps.encryptionKey),
          refreshToken: seal(auth.refreshToken, deps.encryptionKey),
          accessExpiresAt: auth.expiresAt ?? null,
          uninstalledAt: null,
          ...(auth.status && { status: auth.status }),
          ...(auth.userId && { installerUserId: auth.userId }),
        },
        $setOnInsert: { installedAt: new Date() },
        // Whoever is refreshing with the old pair must re-read instead of spending a stale refresh token.
        $inc: { tokenVersion: 1 },
      },
      { upsert: true },
    );
  }

  function setup(memberId: string) {
    return deps.temporal.workflow.signalWithStart<typeof portalSetupWorkflow>('portalSetupWorkflow', {
      workflowId: workflowIds.portalSetup(memberId),
      taskQueue: deps.orchestratorQueue,
      args: [{ memberId }],
      signal: installedSignal,
    });
  }

  return Router().post('/', async (req, res) => {
    const body = rec(req.body);
    const isEvent = str(body.event)?.toUpperCase() === 'ONAPPINSTALL';
    const auth = isEvent ? fromEvent(body) : fromPage(body, rec(req.query));
    if (!auth) throw wrongToken();
    await store(auth, !isEvent);
    await claimUnnamedConnectors();
    const handle = await setup(auth.memberId);
    deps.logger.info({ memberId: auth.memberId, domain: auth.domain, via: isEvent ? 'event' : 'page' }, 'Bitrix24 portal installed');
    if (isEvent) {
      res.json({ result: 'installed' });
      return;
    }
    await handle.result();
    res.type('html').send(INSTALL_FINISH_PAGE);
  });
}

const INSTALL_FINISH_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Openline Bridge</title>
<script src="//api.bitrix24.com/api/v1/"></script></head>
<body><p>Openline Bridge is installed.</p>
<script>BX24.init(function () { BX24.installFinish(); });</script>
</body></html>`;

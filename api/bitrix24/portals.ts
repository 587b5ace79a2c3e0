import { Router } from 'express';
import { PortalModel } from '../../storage/models/portal.js';
import { scopeOf } from '../middleware/admin-auth.js';

/** An installed Bitrix24 portal as the management API names it. */
export interface InstalledPortal {
  memberId: string;
  domain: string;
}

/**
 * `GET /api/v1/portals`: the portals that have the app installed, by domain. A standalone admin with
 * several needs them to say which portal a new connector and its open line belong to; a placement
 * session is confined to its own portal, so it sees that one only.
 */
export function portalRoutes(): Router {
  return Router().get('/', async (_req, res) => {
    const scope = scopeOf(res);
    const portals = await PortalModel.find({ uninstalledAt: null, ...(scope && { _id: scope.memberId }) }, { _id: 1, domain: 1 })
      .sort({ domain: 1, _id: 1 })
      .lean<Array<{ _id: string; domain: string }>>();
    res.json(portals.map((portal): InstalledPortal => ({ memberId: portal._id, domain: portal.domain })));
  });
}

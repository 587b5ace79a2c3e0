import { Router } from 'express';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { PortalModel } from '../../storage/models/portal.js';
import { AppError, notFound } from '../errors.js';
import { scopeOf } from '../middleware/admin-auth.js';

export interface OpenLine {
  id: number;
  name: string;
  active: boolean;
  connectorId: string | null;
}

interface LineRow {
  ID: string | number;
  LINE_NAME?: string;
  ACTIVE?: string | boolean;
}

const PAGE = 200;

/** The installed portal a request means: the named one, else the only one. */
export async function resolvePortal(memberId: string | undefined): Promise<string> {
  if (memberId) {
    if (!(await PortalModel.exists({ _id: memberId, uninstalledAt: null }))) throw new AppError(404, 'not_found', `portal ${memberId} has not installed the app`);
    return memberId;
  }
  const portals = await PortalModel.find({ uninstalledAt: null }, { _id: 1 }).limit(2).lean<Array<{ _id: string }>>();
  if (portals.length !== 1) throw new AppError(422, 'portal_required', portals.length === 0 ? 'no portal has installed the app' : 'name the portal: ?portal=<member_id>');
  return portals[0]!._id;
}

/**
 * `GET /api/v1/lines?portal=`: the portal's open lines and which connector holds each. A read, so the
 * api calls Bitrix24 directly rather than through a workflow; the client's retries and the shared
 * token refresh apply as in the activities.
 */
export function lineRoutes(clientFor: (memberId: string) => Bitrix24Client): Router {
  return Router().get('/', async (req, res) => {
    const named = typeof req.query.portal === 'string' && req.query.portal !== '' ? req.query.portal : undefined;
    // A placement session lists its own portal's lines; naming another portal is as if it did not exist.
    const scope = scopeOf(res);
    if (scope && named !== undefined && named !== scope.memberId) throw notFound(`portal ${named}`);
    const memberId = await resolvePortal(scope?.memberId ?? named);
    const client = clientFor(memberId);
    const rows: LineRow[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await client.call<LineRow[]>('imopenlines.config.list.get', { PARAMS: { select: ['ID', 'LINE_NAME', 'ACTIVE'], limit: PAGE, offset } });
      rows.push(...page);
      if (page.length < PAGE) break;
    }
    // Line ids are per portal: another portal's connector on the same number does not hold this line.
    const holders = await ConnectorModel.find({ lineId: { $in: rows.map((row) => Number(row.ID)) }, portal: memberId }, { _id: 1, lineId: 1 }).lean<Array<{ _id: string; lineId: number }>>();
    const holderOf = new Map(holders.map((c) => [c.lineId, c._id]));
    const lines: OpenLine[] = rows.map((row) => ({
      id: Number(row.ID),
      name: row.LINE_NAME ?? '',
      active: row.ACTIVE === true || row.ACTIVE === 'Y',
      connectorId: holderOf.get(Number(row.ID)) ?? null,
    }));
    res.json(lines);
  });
}

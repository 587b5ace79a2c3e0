import { ConnectorModel } from './models/connector.js';
import { PortalModel } from './models/portal.js';

/**
 * A connector's portal is written on the connector, never inferred when it is read: inferring "the only
 * installed portal" made every unnamed connector belong to none the moment a second portal installed.
 * A connector created while one portal is installed is named for it; those created before any portal
 * are claimed by the first portal to install.
 */
export async function installedPortalIds(limit = 0): Promise<string[]> {
  const portals = await PortalModel.find({ uninstalledAt: null }, { _id: 1 }).sort({ _id: 1 }).limit(limit).lean<Array<{ _id: string }>>();
  return portals.map((portal) => portal._id);
}

/**
 * Names the only installed portal on the unnamed connectors matching `filter`; nothing while none or
 * several are installed. Install calls it for all connectors and create for the new one, so a connector
 * created during an install is named by whichever of the two runs last.
 */
export async function claimUnnamedConnectors(filter: Record<string, unknown> = {}): Promise<string | undefined> {
  const portals = await installedPortalIds(2);
  if (portals.length !== 1) return undefined;
  await ConnectorModel.updateMany({ ...filter, portal: null }, { $set: { portal: portals[0] } });
  return portals[0];
}

/** The installed portal a connector forwards to; undefined when it names none or its portal is gone. */
export async function portalOf(connector: { portal?: string | null }): Promise<string | undefined> {
  if (!connector.portal) return undefined;
  return (await PortalModel.exists({ _id: connector.portal, uninstalledAt: null })) ? connector.portal : undefined;
}

import { WorkflowIdConflictPolicy, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { ConnectorStatus } from '../../domain/connector-state.js';
import type { CreateConnectorBody, PatchConnectorBody } from '../../domain/connector-api.js';
import { defaultSettings } from '../../domain/settings.js';
import { newId } from '../../lib/ids.js';
import { ConnectorModel, type ConnectorDocument } from '../../storage/models/connector.js';
import { claimUnnamedConnectors, installedPortalIds } from '../../storage/connector-portal.js';
import { searchAttributes, taskQueues, workflowIds } from '../../workflows/constants.js';
import type { connectorWorkflow } from '../../workflows/connector.js';
import * as messages from '../../workflows/messages.js';
import { AppError, notFound } from '../errors.js';
import { signalPacingChanged } from '../messages/outbox-client.js';
import { currentQr, type QrView } from './qr.js';

export interface ConnectorView extends QrView {
  id: string;
  name: string;
  state: ConnectorStatus['state'];
  lastError?: string;
  restriction?: ConnectorStatus['restriction'];
  phone?: string;
  /** The Bitrix24 portal's member_id; null until a portal claims a connector created before any install. */
  portal: string | null;
  lineId: number | null;
  activeUntil?: string;
}

type LiveStatus = Pick<ConnectorStatus, 'state' | 'lastError' | 'restriction' | 'phone' | 'activeUntil'>;

/**
 * What the API shows of a connector: its record, with the live state from its workflow (queried, or as
 * last published). One function for every answer and every server-sent event, so none leaves a field out.
 */
export async function connectorView(doc: ConnectorDocument, live: LiveStatus): Promise<ConnectorView> {
  return {
    id: doc._id,
    name: doc.name,
    state: live.state,
    lastError: live.lastError,
    restriction: live.restriction,
    phone: live.phone,
    portal: doc.portal ?? null,
    lineId: doc.lineId ?? null,
    activeUntil: live.activeUntil,
    ...(live.state === 'pairing' ? await currentQr(doc._id) : {}),
  };
}

/**
 * Connector records live in MongoDB; their live state is owned by each connector's workflow. Writes go
 * to MongoDB first, then to the workflow, so a crash in between is repaired by the next read.
 */
export interface ConnectorHooks {
  /** The connector's open line changed (also on create with a line, and on removal): Bitrix24 follows. */
  lineChanged?: (connectorId: string) => Promise<void>;
  /** Created, renamed, removed or its settings saved: the robot's connector list and the SMS sender follow. */
  connectorsChanged?: (connectorId: string) => Promise<void>;
}

/**
 * Whose connectors a caller may see: absent for the admin token (all of them); a portal's member_id
 * for a settings session opened by that portal's placement.
 */
export interface PortalScope {
  memberId: string;
}

/** The portal an unnamed new connector belongs to: the only one installed, or none yet; with several, the caller must say. */
async function soleInstalledPortal(): Promise<string | null> {
  const portals = await installedPortalIds(2);
  if (portals.length > 1) throw new AppError(422, 'portal_required', 'several Bitrix24 portals are installed: name the connector\'s one in `portal`');
  return portals[0] ?? null;
}

export function createConnectorService(temporal: Client, queues: { orchestrator: string; sessions: string } = taskQueues(), hooks: ConnectorHooks = {}) {
  const handle = (id: string) => temporal.workflow.getHandle(workflowIds.connector(id));

  async function ensureWorkflow(doc: ConnectorDocument): Promise<void> {
    await temporal.workflow.start<typeof connectorWorkflow>('connectorWorkflow', {
      workflowId: workflowIds.connector(doc._id),
      taskQueue: queues.orchestrator,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      typedSearchAttributes: [{ key: searchAttributes.connectorId, value: doc._id }],
      args: [
        {
          version: 1,
          status: { connectorId: doc._id, name: doc.name, state: 'pairing', activeUntil: doc.activeUntil?.toISOString() },
          showOnline: Boolean((doc.settings as { chats?: { showOnline?: boolean } }).chats?.showOnline),
          sessionsQueue: queues.sessions,
        },
      ],
    });
  }

  async function status(doc: ConnectorDocument): Promise<ConnectorStatus> {
    try {
      return await handle(doc._id).query(messages.connectorStatusQuery);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await ensureWorkflow(doc);
      return handle(doc._id).query(messages.connectorStatusQuery);
    }
  }

  const view = async (doc: ConnectorDocument): Promise<ConnectorView> => connectorView(doc, await status(doc));

  async function load(id: string): Promise<ConnectorDocument> {
    const doc = await ConnectorModel.findById(id).lean<ConnectorDocument>();
    if (!doc) throw notFound(`connector ${id}`);
    return doc;
  }

  /** Runs a workflow update; a refusal by the workflow becomes a 409 with its reason. */
  async function update<T>(id: string, run: () => Promise<T>): Promise<T> {
    await load(id);
    try {
      return await run();
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw new AppError(409, 'refused', err.cause?.message ?? err.message);
      throw err;
    }
  }

  /** Line ids are numbered per portal, so only a connector of the same portal can hold the line. */
  async function assertLineFree(id: string, portal: string | null, lineId: number | null | undefined): Promise<void> {
    if (lineId === null || lineId === undefined) return;
    if (await ConnectorModel.exists({ lineId, portal, _id: { $ne: id } })) throw new AppError(409, 'line_taken', `open line ${lineId} already has a connector`);
  }

  return {
    load,
    view: async (id: string) => view(await load(id)),

    /** A connector outside the caller's portal is as good as absent: 404. */
    async assertInScope(id: string, scope: PortalScope | undefined): Promise<void> {
      if (!scope) return;
      if (!(await ConnectorModel.exists({ _id: id, portal: scope.memberId }))) throw notFound(`connector ${id}`);
    },

    /** With a portal scope the connector is that portal's, whatever the body names. */
    async create(body: CreateConnectorBody, scope?: PortalScope): Promise<ConnectorView> {
      const id = newId();
      if (scope && body.portal !== undefined && body.portal !== scope.memberId) throw notFound(`portal ${body.portal}`);
      if (!scope && body.portal !== undefined && !(await installedPortalIds()).includes(body.portal)) {
        throw new AppError(422, 'unknown_portal', `no installed Bitrix24 portal has member_id ${body.portal}`);
      }
      const portal = scope?.memberId ?? body.portal ?? (await soleInstalledPortal());
      await assertLineFree(id, portal, body.lineId);
      await ConnectorModel.create({ _id: id, name: body.name, portal, lineId: body.lineId ?? null, settings: defaultSettings() });
      if (portal === null) await claimUnnamedConnectors({ _id: id });
      const doc = (await ConnectorModel.findById(id).lean<ConnectorDocument>())!;
      await ensureWorkflow(doc);
      if (doc.lineId !== null) await hooks.lineChanged?.(id);
      await hooks.connectorsChanged?.(id);
      return view(doc);
    },

    async list(scope?: PortalScope): Promise<ConnectorView[]> {
      const docs = await ConnectorModel.find(scope ? { portal: scope.memberId } : {}).sort({ createdAt: 1 }).lean<ConnectorDocument[]>();
      return Promise.all(docs.map(view));
    },

    async update(id: string, patch: PatchConnectorBody): Promise<ConnectorView> {
      await assertLineFree(id, (await load(id)).portal ?? null, patch.lineId);
      const doc = await ConnectorModel.findByIdAndUpdate(id, { $set: patch }, { returnDocument: 'after' }).lean<ConnectorDocument>();
      if (!doc) throw notFound(`connector ${id}`);
      if (patch.name !== undefined) await handle(id).signal(messages.renameSignal, patch.name);
      // A rename on a bound line re-sends the line's connector data, whose NAME the operators see.
      if (patch.lineId !== undefined || (patch.name !== undefined && doc.lineId !== null)) await hooks.lineChanged?.(id);
      if (patch.name !== undefined) await hooks.connectorsChanged?.(id);
      return view(doc);
    },

    /** Removes the connector; its workflow logs out of WhatsApp and wipes the auth state as it ends. */
    async remove(id: string): Promise<void> {
      await load(id);
      try {
        await handle(id).signal(messages.removeSignal);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      await ConnectorModel.deleteOne({ _id: id });
      await hooks.lineChanged?.(id);
      await hooks.connectorsChanged?.(id);
    },

    disconnect: (id: string) => update(id, () => handle(id).executeUpdate(messages.disconnectUpdate)),
    reconnect: (id: string) => update(id, () => handle(id).executeUpdate(messages.reconnectUpdate)),
    requestQr: (id: string) => update(id, () => handle(id).executeUpdate(messages.requestQrUpdate)),
    pairingCode: (id: string, phone: string) => update(id, () => handle(id).executeUpdate(messages.pairingCodeUpdate, { args: [phone] })),

    async setActiveUntil(id: string, activeUntil: Date | null): Promise<ConnectorView> {
      await ConnectorModel.updateOne({ _id: id }, { $set: { activeUntil } });
      await update(id, () => handle(id).executeUpdate(messages.setActiveUntilUpdate, { args: [activeUntil?.toISOString() ?? null] }));
      return this.view(id);
    },

    /** A saved settings change: the live session (presence) and the account's pacer (intervals) follow at once. */
    async settingsChanged(id: string, change: { showOnline: boolean }): Promise<void> {
      await handle(id).signal(messages.settingsChangedSignal, change);
      await signalPacingChanged(temporal, id);
      await hooks.connectorsChanged?.(id);
    },
  };
}

export type ConnectorService = ReturnType<typeof createConnectorService>;

import { WorkflowIdConflictPolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { ConnectorStatus } from '../../domain/connector-state.js';
import type { CreateConnectorBody, PatchConnectorBody } from '../../domain/connector-api.js';
import { defaultSettings } from '../../domain/settings.js';
import { newId } from '../../lib/ids.js';
import { ConnectorModel, type ConnectorDocument } from '../../storage/models/connector.js';
import { TASK_QUEUES, searchAttributes, workflowIds } from '../../workflows/constants.js';
import type { connectorWorkflow } from '../../workflows/connector.js';
import { connectorStatusQuery, removeSignal, renameSignal } from '../../workflows/messages.js';
import { notFound } from '../errors.js';

export interface ConnectorView {
  id: string;
  name: string;
  state: ConnectorStatus['state'];
  lastError?: string;
  phone?: string;
  lineId: number | null;
  activeUntil?: string;
}

/**
 * Connector records live in MongoDB; their live state is owned by each connector's workflow. Writes go
 * to MongoDB first, then to the workflow, so a crash in between is repaired by the next read.
 */
export function createConnectorService(temporal: Client, options: { taskQueue?: string } = {}) {
  const taskQueue = options.taskQueue ?? TASK_QUEUES.orchestrator;

  async function ensureWorkflow(doc: ConnectorDocument): Promise<void> {
    await temporal.workflow.start<typeof connectorWorkflow>('connectorWorkflow', {
      workflowId: workflowIds.connector(doc._id),
      taskQueue,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      typedSearchAttributes: [{ key: searchAttributes.connectorId, value: doc._id }],
      args: [{ version: 1, status: { connectorId: doc._id, name: doc.name, state: 'pairing' } }],
    });
  }

  async function status(doc: ConnectorDocument): Promise<ConnectorStatus> {
    const handle = temporal.workflow.getHandle(workflowIds.connector(doc._id));
    try {
      return await handle.query(connectorStatusQuery);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await ensureWorkflow(doc);
      return handle.query(connectorStatusQuery);
    }
  }

  async function view(doc: ConnectorDocument): Promise<ConnectorView> {
    const live = await status(doc);
    return {
      id: doc._id,
      name: doc.name,
      state: live.state,
      lastError: live.lastError,
      phone: live.phone,
      lineId: doc.lineId ?? null,
      activeUntil: doc.activeUntil?.toISOString(),
    };
  }

  async function load(id: string): Promise<ConnectorDocument> {
    const doc = await ConnectorModel.findById(id).lean<ConnectorDocument>();
    if (!doc) throw notFound(`connector ${id}`);
    return doc;
  }

  return {
    async create(body: CreateConnectorBody): Promise<ConnectorView> {
      const doc = (await ConnectorModel.create({
        _id: newId(),
        name: body.name,
        portal: body.portal ?? null,
        lineId: body.lineId ?? null,
        settings: defaultSettings(),
      })).toObject<ConnectorDocument>();
      await ensureWorkflow(doc);
      return view(doc);
    },

    async list(): Promise<ConnectorView[]> {
      const docs = await ConnectorModel.find().sort({ createdAt: 1 }).lean<ConnectorDocument[]>();
      return Promise.all(docs.map(view));
    },

    async get(id: string): Promise<ConnectorView> {
      return view(await load(id));
    },

    async update(id: string, patch: PatchConnectorBody): Promise<ConnectorView> {
      const doc = await ConnectorModel.findByIdAndUpdate(id, { $set: patch }, { new: true }).lean<ConnectorDocument>();
      if (!doc) throw notFound(`connector ${id}`);
      if (patch.name !== undefined) {
        await temporal.workflow.getHandle(workflowIds.connector(id)).signal(renameSignal, patch.name);
      }
      return view(doc);
    },

    async remove(id: string): Promise<void> {
      await load(id);
      try {
        await temporal.workflow.getHandle(workflowIds.connector(id)).signal(removeSignal);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      await ConnectorModel.deleteOne({ _id: id });
    },
  };
}

export type ConnectorService = ReturnType<typeof createConnectorService>;

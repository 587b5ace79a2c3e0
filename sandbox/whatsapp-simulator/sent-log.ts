import { createHash } from 'node:crypto';
import { SimulatorSentModel, type SimulatorSentDocument } from '../../storage/models/simulator-sent.js';
import type { WireMedia } from './protocol.js';

/** The log of what each simulated account sent, as `GET .../sent` shows it. */

export interface SentMedia {
  kind: string;
  mimetype: string;
  fileName?: string;
  voice?: boolean;
  size: number;
  sha256: string;
}

export interface SentEntry {
  id: string;
  to: string;
  text?: string;
  media?: SentMedia;
  at: number;
  attempts: number;
  status: 'delivered' | 'read';
  fromPhone?: true;
  /** How often the sender edited it; `text` is the latest. */
  edits?: number;
  deleted?: true;
}

export interface Outgoing {
  id: string;
  to: string;
  text?: string;
  media?: WireMedia;
}

function sentMedia(media: WireMedia): SentMedia {
  const bytes = Buffer.from(media.base64, 'base64');
  return {
    kind: media.kind,
    mimetype: media.mimetype,
    ...(media.fileName !== undefined && { fileName: media.fileName }),
    ...(media.voice !== undefined && { voice: media.voice }),
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

function toEntry(doc: SimulatorSentDocument): SentEntry {
  return {
    id: doc.waId,
    to: doc.to,
    ...(doc.text != null && { text: doc.text }),
    ...(doc.media && { media: storedMedia(doc.media) }),
    at: doc.at,
    attempts: doc.attempts,
    status: doc.status === 'read' ? 'read' : 'delivered',
    ...(doc.fromPhone && { fromPhone: true as const }),
    ...(doc.edits && { edits: doc.edits }),
    ...(doc.deleted && { deleted: true as const }),
  };
}

function storedMedia(media: NonNullable<SimulatorSentDocument['media']>): SentMedia {
  return {
    kind: media.kind,
    mimetype: media.mimetype,
    ...(media.fileName != null && { fileName: media.fileName }),
    ...(media.voice != null && { voice: media.voice }),
    size: media.size,
    sha256: media.sha256,
  };
}

/**
 * Records a send; a resend of the same id counts as another attempt of the same message, keeping the
 * content and time of the first (what the recipient's phone shows).
 */
export async function recordSend(connectorId: string, message: Outgoing, fromPhone = false): Promise<SentEntry> {
  const first = {
    to: message.to,
    ...(message.text !== undefined && { text: message.text }),
    media: message.media ? sentMedia(message.media) : null,
    at: Date.now(),
    fromPhone,
    status: 'delivered',
  };
  const doc = await SimulatorSentModel.findOneAndUpdate(
    { connectorId, waId: message.id },
    { $setOnInsert: first, $inc: { attempts: 1 } },
    { upsert: true, returnDocument: 'after', lean: true },
  );
  return toEntry(doc as SimulatorSentDocument);
}

/** An edit (new text) or deletion of a sent message; false when the account never sent that id. */
export async function recordChange(connectorId: string, id: string, change: { text: string } | { deleted: true }): Promise<boolean> {
  const update = 'text' in change ? { $set: { text: change.text }, $inc: { edits: 1 } } : { $set: { deleted: true } };
  const result = await SimulatorSentModel.updateOne({ connectorId, waId: id }, update);
  return result.matchedCount > 0;
}

/** Marks a sent message read; false when the account never sent that id. */
export async function markRead(connectorId: string, id: string): Promise<boolean> {
  const result = await SimulatorSentModel.updateOne({ connectorId, waId: id }, { $set: { status: 'read' } });
  return result.matchedCount > 0;
}

export async function listSent(connectorId: string): Promise<SentEntry[]> {
  const docs = await SimulatorSentModel.find({ connectorId }).sort({ at: 1, _id: 1 }).lean<SimulatorSentDocument[]>();
  return docs.map(toEntry);
}

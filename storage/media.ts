import mongoose from 'mongoose';
import type { InboundMedia, MediaKind } from '../integrations/whatsapp/transport.js';

/**
 * Outbound media bytes in GridFS (bucket `media`): the api stores them at acceptance, the session host
 * that sends reads them, whichever process that is.
 */
function bucket() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('the database is not connected');
  return new mongoose.mongo.GridFSBucket(db, { bucketName: 'media' });
}

export async function saveMedia(data: Buffer, meta: { fileName?: string; mimetype: string }): Promise<string> {
  const upload = bucket().openUploadStream(meta.fileName ?? 'media', { metadata: { mimetype: meta.mimetype } });
  await new Promise<void>((resolve, reject) => {
    upload.once('finish', () => resolve());
    upload.once('error', reject);
    upload.end(data);
  });
  return upload.id.toString();
}

export async function readMedia(fileId: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of bucket().openDownloadStream(new mongoose.Types.ObjectId(fileId))) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function deleteMedia(fileId: string): Promise<void> {
  await bucket().delete(new mongoose.Types.ObjectId(fileId));
}

/** What a message record keeps of a media item: its description and where its bytes are. */
export interface StoredMedia {
  kind: MediaKind;
  mimetype: string;
  fileName?: string;
  voice?: boolean;
  fileId: string;
  size: number;
}

/** Fetches a WhatsApp message's media while its socket lives and keeps the bytes in GridFS. */
export async function storeMessageMedia(media: InboundMedia): Promise<StoredMedia> {
  const data = await media.download();
  const fileId = await saveMedia(data, { fileName: media.fileName, mimetype: media.mimetype });
  return { kind: media.kind, mimetype: media.mimetype, fileName: media.fileName, voice: media.voice, fileId, size: data.length };
}

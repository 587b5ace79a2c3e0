import mongoose from 'mongoose';

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

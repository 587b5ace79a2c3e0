import { Router } from 'express';
import mongoose from 'mongoose';
import { verifyMediaSignature } from '../lib/signed-url.js';
import { AppError } from './errors.js';

/**
 * `GET /media/:id?exp=&sig=`: a stored file, for whoever holds a URL we signed (Bitrix24 downloading a
 * client's photo). No other auth: the signature and its expiry are the permission.
 */
export function mediaRoutes(encryptionKey: Buffer): Router {
  return Router().get('/:id', async (req, res) => {
    const { id } = req.params;
    const exp = typeof req.query.exp === 'string' ? req.query.exp : '';
    const sig = typeof req.query.sig === 'string' ? req.query.sig : '';
    if (!verifyMediaSignature(encryptionKey, id, exp, sig)) throw new AppError(403, 'invalid_signature', 'the link is invalid or expired');
    const db = mongoose.connection.db;
    if (!db || !mongoose.isValidObjectId(id)) throw new AppError(404, 'not_found', 'no such file');
    const bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: 'media' });
    const [file] = await bucket.find({ _id: new mongoose.Types.ObjectId(id) }).toArray();
    if (!file) throw new AppError(404, 'not_found', 'no such file');
    const mimetype = (file.metadata as { mimetype?: string } | undefined)?.mimetype ?? 'application/octet-stream';
    res.setHeader('content-type', mimetype);
    res.setHeader('content-length', String(file.length));
    res.setHeader('content-disposition', `inline; filename="${encodeURIComponent(file.filename)}"`);
    await new Promise<void>((resolve, reject) => {
      bucket.openDownloadStream(file._id).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
    });
  });
}

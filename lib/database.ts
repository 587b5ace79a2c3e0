import mongoose from 'mongoose';

/**
 * Connects the process-wide mongoose connection. The product stays within what both MongoDB 7 and
 * FerretDB support: no multi-document transactions, no change streams, no TTL indexes.
 */
export async function connectDatabase(url: string, dbName?: string): Promise<typeof mongoose> {
  return mongoose.connect(url, { dbName, serverSelectionTimeoutMS: 5000, autoIndex: true });
}

export async function databaseReachable(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  await db.admin().command({ ping: 1 });
  return true;
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

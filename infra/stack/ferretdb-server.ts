import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import { startProcess, waitUntilReady, type ManagedProcess } from './child-process.js';

export interface DatabaseServer {
  url: string;
  process: ManagedProcess;
}

/** FerretDB with its SQLite backend: a MongoDB-protocol server whose files live in `dataDir`. */
export async function startFerretDb(options: { binPath: string; dataDir: string; port: number; logFile: string }): Promise<DatabaseServer> {
  const dir = path.join(options.dataDir, 'ferretdb');
  await mkdir(dir, { recursive: true });
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dir}/`,
    `--state-dir=${dir}`,
    `--listen-addr=127.0.0.1:${options.port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=warn',
  ];
  const process = startProcess('ferretdb', options.binPath, args, { logFile: options.logFile });
  const url = `mongodb://127.0.0.1:${options.port}/`;
  await waitUntilReady(process, () => ping(url), 60_000, options.logFile);
  return { url, process };
}

async function ping(url: string): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(url, { serverSelectionTimeoutMS: 1000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close();
  }
}

import path from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributes } from '../../workflows/constants.js';
import { startProcess, waitUntilReady, type ManagedProcess } from './child-process.js';

export interface TemporalDevServer {
  address: string;
  uiUrl?: string;
  process: ManagedProcess;
}

/**
 * `temporal server start-dev` on a SQLite file in `dataDir` (WAL, as Temporal's own CI runs it), with
 * the product's custom search attributes registered so ops can query sends by connector, phone, lane and
 * status. We start and wait for it ourselves: the SDK's 5-second start window is too short on CI.
 */
export async function startTemporalDevServer(options: {
  cliPath: string;
  dataDir: string;
  port: number;
  uiPort?: number;
  namespace: string;
  logFile: string;
}): Promise<TemporalDevServer> {
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(options.dataDir, 'temporal.sqlite'),
    '--sqlite-pragma',
    'journal_mode=WAL',
    '--sqlite-pragma',
    'synchronous=NORMAL',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...Object.values(searchAttributes).flatMap((key) => ['--search-attribute', `${key.name}=Keyword`]),
  ];
  const process = startProcess('temporal', options.cliPath, args, { logFile: options.logFile });
  const address = `127.0.0.1:${options.port}`;
  await waitUntilReady(process, () => namespaceReady(address, options.namespace), 90_000, options.logFile);
  return { address, uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined, process };
}

async function namespaceReady(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

export async function connectTemporalClient(target: TemporalTarget): Promise<Client> {
  const connection = await Connection.connect({ address: target.address });
  return new Client({ connection, namespace: target.namespace });
}

export function connectWorkerConnection(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect({ address: target.address });
}

/** Whether the Temporal frontend answers for our namespace within a short deadline. */
export async function temporalReachable(client: Client): Promise<boolean> {
  await client.connection.withDeadline(Date.now() + 2000, () =>
    client.workflowService.describeNamespace({ namespace: client.options.namespace }),
  );
  return true;
}

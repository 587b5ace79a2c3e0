import mongoose from 'mongoose';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../workers/workflows-path.js';
import { newId } from '../../lib/ids.js';

/**
 * The real Temporal server and database that `npm test` started for this run (see scripts/test.ts).
 * Each test file gets its own database and task queue, so files run in parallel without sharing state.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts the servers`);
  return value;
}

export const temporalTarget = () => ({ address: required('TEMPORAL_ADDRESS'), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
export const mongoUrl = () => required('MONGO_URL');

let runtimeInstalled = false;
/** Keeps the SDK's own logging to warnings, so test output stays readable. */
export function quietTemporalRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/** A client of the run's Temporal server, or of the one at `address` (a test that runs a server of its own). */
export async function temporalClient(address = temporalTarget().address): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address }), namespace: temporalTarget().namespace });
}

export function workerConnection(address = temporalTarget().address): Promise<NativeConnection> {
  return NativeConnection.connect({ address });
}

/** A database of its own for one test file, as a URL other processes can use too. */
export const testDatabaseUrl = () => `${mongoUrl().replace(/\/+$/, '')}/test_${newId(8)}`;

/** Connects mongoose to a fresh database of its own; the returned function drops it and disconnects. */
export async function useTestDatabase(url = testDatabaseUrl()): Promise<() => Promise<void>> {
  await mongoose.connect(url, { serverSelectionTimeoutMS: 5000 });
  return async () => {
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
  };
}

export const uniqueTaskQueue = (name: string) => `test-${name}-${newId(6)}`;

/** The product's workflow bundle, built as the worker builds it (proves bundling works in this ESM project). */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
}

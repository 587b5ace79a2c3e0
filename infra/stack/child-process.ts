import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns a server in our own process group (not detached), so stopping the group stops it too; its
 * output goes to a log file when one is given.
 */
export function startProcess(name: string, command: string, args: string[], options: SpawnOptions & { logFile?: string }): ManagedProcess {
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  const child = spawn(command, args, { ...options, stdio: options.stdio ?? ['ignore', log ? 'pipe' : 'inherit', log ? 'pipe' : 'inherit'] });
  if (log) {
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return {
    name,
    child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      log?.end();
    },
  };
}

/** Polls `probe` until it succeeds, the process dies, or the deadline passes. */
export async function waitUntilReady(process: ManagedProcess, probe: () => Promise<boolean>, timeoutMs: number, logFile?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void process.exited.then(() => (dead = true));
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${process.name} exited during start-up${logFile ? `; see ${logFile}` : ''}`);
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${process.name} did not become ready within ${timeoutMs / 1000}s${logFile ? `; see ${logFile}` : ''}`);
}

import { startProcess, type ManagedProcess } from './child-process.js';

export interface SupervisedProcess {
  readonly name: string;
  readonly pid: () => number | undefined;
  stop(): Promise<void>;
}

/**
 * Keeps one of the product's own Node processes running: it is restarted after a crash, with a growing
 * pause so a process that fails at start-up does not spin. Output goes to its log file.
 */
export function superviseNodeProcess(options: {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
  onExit: (name: string, code: number | string, restartInMs: number) => void;
}): SupervisedProcess {
  let current: ManagedProcess | undefined;
  let stopping = false;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = () => {
    const startedAt = Date.now();
    current = startProcess(options.name, process.execPath, ['--import', 'tsx', options.entry], {
      cwd: options.cwd,
      env: options.env,
      logFile: options.logFile,
    });
    void current.exited.then((code) => {
      if (stopping) return;
      failures = Date.now() - startedAt > 60_000 ? 1 : failures + 1;
      const delay = Math.min(30_000, 500 * 2 ** (failures - 1));
      options.onExit(options.name, code, delay);
      restartTimer = setTimeout(launch, delay);
    });
  };
  launch();

  return {
    name: options.name,
    pid: () => current?.child.pid,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      await current?.stop();
    },
  };
}

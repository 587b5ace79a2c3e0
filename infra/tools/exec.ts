import { spawn } from 'node:child_process';

export class CommandFailedError extends Error {
  constructor(
    readonly command: string,
    readonly output: string,
  ) {
    super(`${command} failed:\n${output.slice(-2000)}`);
  }
}

/** Runs a command to completion, collecting its output; rejects with the tail of it on a non-zero exit. */
export function exec(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (err) => reject(new CommandFailedError(`${command} ${args.join(' ')}`, String(err))));
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new CommandFailedError(`${command} ${args.join(' ')}`, output)),
    );
  });
}

/** Whether a command can be run at all (it is on PATH and starts). */
export async function commandWorks(command: string, args: string[]): Promise<boolean> {
  try {
    await exec(command, args);
    return true;
  } catch {
    return false;
  }
}

/** Progress lines of the project's own scripts, on stderr so they never mix with a test report. */
export const harnessLog = (scope: string) => (line: string) => process.stderr.write(`[${scope}] ${line}\n`);

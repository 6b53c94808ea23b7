import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI (dist/cli.js) as a user would. */
export function runCli(args: string[], cwd = repoRoot(), timeoutMs = 120_000): CliResult {
  const result = spawnSync(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

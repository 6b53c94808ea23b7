// `npm run test:vscode`: the extension-host suite (test/vscode/suite/) in desktop VS Code, through
// @vscode/test-electron. It needs a desktop VS Code build: downloaded by test-electron, or named
// by VSCODE_EXECUTABLE. Where neither is possible it says so and fails; it never reports a pass
// it did not run. The same suite runs in code-server with `npm run test:e2e`.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite, repoRoot } from './bundle-suite.mjs';

const scratch = path.join(repoRoot, '.e2e', 'electron');
rmSync(path.join(scratch, 'ws'), { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const workspace = path.join(scratch, 'ws', 'todo-app');
cpSync(path.join(repoRoot, 'examples', 'todo-app'), workspace, { recursive: true });
const extensionTestsPath = await bundleSuite();

try {
  const code = await runTests({
    version: '1.100.3',
    cachePath: path.join(scratch, 'vscode-test'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(scratch, 'user-data')],
  });
  process.exit(code);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  const unreachable = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|certificate|download/i.test(reason);
  if (!process.env.VSCODE_EXECUTABLE && unreachable) {
    console.error(`test:vscode: desktop VS Code cannot be downloaded here (${reason}).`);
    console.error('test:vscode: @vscode/test-electron needs a desktop VS Code build and this machine cannot reach its download server,');
    console.error('test:vscode: so NO test ran. Set VSCODE_EXECUTABLE to a desktop VS Code (1.100 or newer) to run the suite with it,');
    console.error('test:vscode: or run the same suite in code-server: npm run test:e2e');
  } else {
    console.error(`test:vscode: the suite failed in desktop VS Code: ${reason}`);
  }
  process.exit(1);
}

// Bundles the extension-host suite (test/vscode/suite/) into out/vscode-suite/index.js, which
// both runners hand to VS Code as extensionTestsPath.
import * as esbuild from 'esbuild';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const suiteBundle = path.join(repoRoot, 'out', 'vscode-suite', 'index.js');

export async function bundleSuite() {
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'test', 'vscode', 'suite', 'index.ts')],
    outfile: suiteBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return suiteBundle;
}

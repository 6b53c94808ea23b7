// Bundles bench/<name>.ts into out/bench/ and runs it. Usage: node bench/run.mjs <name> [args…]
// (for example `node bench/run.mjs preview-50x100`, `node bench/run.mjs fuzz 10000`). Needs dist/
// built first (`node esbuild.mjs`) for the wasm files.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');

if (!existsSync(path.join(root, 'dist', 'sql-wasm.wasm'))) {
  console.error('bench: dist/sql-wasm.wasm is missing; run `node esbuild.mjs` first');
  process.exit(1);
}

// The same two resolutions esbuild.mjs makes for the CLI bundle (CommonJS builds of both packages).
const commonJsBuilds = {
  name: 'commonjs-builds',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({
      path: path.join(path.dirname(require.resolve('web-tree-sitter/web-tree-sitter.wasm')), 'web-tree-sitter.cjs'),
    }));
    build.onResolve({ filter: /^@powersync\/sql-js\/dist\/sql-wasm\.js$/ }, () => ({
      path: path.join(path.dirname(require.resolve('@powersync/sql-js/package.json')), 'dist', 'sql-wasm.js'),
      namespace: 'sql-js-cjs',
    }));
    build.onLoad({ filter: /.*/, namespace: 'sql-js-cjs' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

const [name, ...rest] = process.argv.slice(2);
if (!name || !existsSync(path.join(root, 'bench', `${name}.ts`))) {
  console.error('usage: node bench/run.mjs <name> [args…], where bench/<name>.ts exists');
  process.exit(2);
}
const outfile = path.join(root, 'out', 'bench', `${name}.js`);
await esbuild.build({
  entryPoints: [path.join(root, 'bench', `${name}.ts`)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  external: ['vscode'],
  plugins: [commonJsBuilds],
});
const run = spawnSync(process.execPath, [outfile, ...rest], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;

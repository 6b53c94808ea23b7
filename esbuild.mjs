// Bundles the extension client, the language server, the CLI and the tests, and copies every
// .wasm beside the bundles that load it. Usage: node esbuild.mjs [--tests] [--production] [--watch]
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, copyFileSync, readdirSync, statSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildGrammars } from './scripts/build-grammar.mjs';
import { writeThirdPartyLicenses } from './scripts/third-party-licenses.mjs';

const require = createRequire(import.meta.url);
const root = path.dirname(new URL(import.meta.url).pathname);
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const dist = path.join(root, 'dist');

/** The wasm files the bundles load at run time, and where each comes from. */
const wasmFiles = [
  ['web-tree-sitter.wasm', () => require.resolve('web-tree-sitter/web-tree-sitter.wasm')],
  ['tree-sitter-kotlin.wasm', () => path.join(path.dirname(require.resolve('@tree-sitter-grammars/tree-sitter-kotlin/package.json')), 'tree-sitter-kotlin.wasm')],
  ['tree-sitter-java.wasm', () => path.join(path.dirname(require.resolve('tree-sitter-java/package.json')), 'tree-sitter-java.wasm')],
  ['tree-sitter-typescript.wasm', () => path.join(path.dirname(require.resolve('tree-sitter-typescript/package.json')), 'tree-sitter-typescript.wasm')],
  ['tree-sitter-tsx.wasm', () => path.join(path.dirname(require.resolve('tree-sitter-typescript/package.json')), 'tree-sitter-tsx.wasm')],
  ['tree-sitter-dart.wasm', () => path.join(path.dirname(require.resolve('@repomix/tree-sitter-wasms/package.json')), 'out', 'tree-sitter-dart.wasm')],
  ['libpg-query.wasm', () => path.join(path.dirname(require.resolve('libpg-query/package.json')), 'wasm', 'libpg-query.wasm')],
  ['sql-wasm.wasm', () => path.join(path.dirname(require.resolve('@powersync/sql-js/package.json')), 'dist', 'sql-wasm.wasm')],
];

function copyWasm(targetDir) {
  mkdirSync(targetDir, { recursive: true });
  const sources = [];
  for (const [name, locate] of wasmFiles) {
    let source;
    try { source = locate(); } catch { source = undefined; }
    if (!source || !existsSync(source)) {
      console.error(`esbuild.mjs: ${name} is missing (looked for ${source ?? 'its package'}); run npm ci`);
      process.exit(1);
    }
    copyFileSync(source, path.join(targetDir, name));
    sources.push(source);
  }
  return sources;
}

/** web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle lacks: use its CJS build. */
const webTreeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({
      path: path.join(path.dirname(require.resolve('web-tree-sitter/web-tree-sitter.wasm')), 'web-tree-sitter.cjs'),
    }));
  },
};

/**
 * @powersync/sql-js's dist/sql-wasm.js is CommonJS inside a "type": "module" package; loading it
 * from its own namespace lets esbuild see it as the CommonJS file it is.
 */
const sqlJsCjs = {
  name: 'sql-js-cjs',
  setup(build) {
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

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Production bundles get their maps too, so a stack trace from a user maps (the VSIX leaves maps out).
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  plugins: [webTreeSitterCjs, sqlJsCjs],
};

const entries = [
  ['client/src/extension.ts', 'extension.js'],
  ['server/src/lsp/main.ts', 'server.js'],
  ['server/src/cli/main.ts', 'cli.js'],
  ['server/src/engine/console-worker.ts', 'console-worker.js'],
].filter(([src]) => existsSync(path.join(root, src)));

/** The preview's browser code: one script and its stylesheet, inlined by `rawsync preview --out`. */
const webviewEntry = path.join(root, 'webview', 'preview.ts');

function buildWebview() {
  if (!existsSync(webviewEntry)) return Promise.resolve(undefined);
  return esbuild.build({
    entryPoints: [webviewEntry],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
    sourcemap: false, // inlined into one HTML file: a map would only point at files that are not there
    logLevel: 'warning',
    outfile: path.join(dist, 'webview', 'preview.js'),
    metafile: true,
  });
}

function findTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'fixtures') findTests(full, out);
    } else if (name.endsWith('.test.ts')) {
      out.push(full);
    }
  }
  return out;
}

/**
 * The in-process test files of each folder under test/unit/ become one bundle (out/test/unit/<folder>.test.js):
 * one process loads the parsers, SQLite and the core once for all of them, where a process per file
 * spent most of its time loading. Tests that start servers, editors or browsers (test/lsp, test/web,
 * test/vscode) keep a process per file, so the runner spreads them over the cores.
 */
function testEntries(testDir) {
  const entries = [];
  const unit = path.join(testDir, 'unit');
  for (const file of findTests(testDir)) {
    const rel = path.relative(testDir, file);
    if (!rel.startsWith(`unit${path.sep}`)) entries.push({ in: file, out: rel.replace(/\.ts$/, '') });
  }
  for (const name of existsSync(unit) ? readdirSync(unit).sort() : []) {
    if (statSync(path.join(unit, name)).isDirectory() && findTests(path.join(unit, name)).length > 0) {
      entries.push({ in: `test-group:${path.join(unit, name)}`, out: path.join('unit', `${name}.test`) });
    }
  }
  return entries;
}

/** Resolves `test-group:<folder>` to a module that imports every test file of the folder. */
const testGroups = {
  name: 'test-groups',
  setup(build) {
    build.onResolve({ filter: /^test-group:/ }, (args) => ({ path: args.path.slice('test-group:'.length), namespace: 'test-group' }));
    build.onLoad({ filter: /.*/, namespace: 'test-group' }, (args) => ({
      contents: findTests(args.path).sort().map((f) => `import ${JSON.stringify(f)};`).join('\n'),
      resolveDir: args.path,
      loader: 'js',
    }));
  },
};

async function build() {
  buildGrammars();
  const wasmSources = copyWasm(dist);
  const results = await Promise.all([
    ...entries.map(([src, out]) =>
      esbuild.build({ ...common, entryPoints: [path.join(root, src)], outfile: path.join(dist, out), metafile: true })),
    buildWebview(),
  ]);
  // The licences of what the bundles carry: every bundled input from node_modules and every wasm.
  const inputs = results.flatMap((r) => Object.keys(r?.metafile?.inputs ?? {}).map((key) => key.replace(/^[a-z-]+:/, '')));
  writeThirdPartyLicenses(root, dist, [...inputs, ...wasmSources]);
  if (args.has('--tests')) {
    const outTest = path.join(root, 'out', 'test');
    rmSync(outTest, { recursive: true, force: true });
    await esbuild.build({
      ...common,
      sourcemap: true,
      entryPoints: testEntries(path.join(root, 'test')),
      outdir: outTest,
      outExtension: { '.js': '.js' },
      // playwright-core finds its own files at run time; it stays in node_modules.
      external: [...common.external, 'playwright-core'],
      plugins: [...(common.plugins ?? []), testGroups],
    });
  }
}

await build();

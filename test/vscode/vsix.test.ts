import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { repoRoot } from '../support/paths';

/** The entry names of a zip file (a VSIX is one). */
function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error(`cannot open ${file}`));
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The text of one entry of a zip file. */
function zipText(file: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error(`cannot open ${file}`));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${name}`));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in ${file}`)));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** RAWSYNC_VSIX names a VSIX built by `npm run package` (CI); otherwise one is built from dist/. */
function vsixPath(t: { after(fn: () => void): void }): string {
  if (process.env.RAWSYNC_VSIX) return path.resolve(process.env.RAWSYNC_VSIX);
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-vsix-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'rawsync.vsix');
  const vsce = path.join(repoRoot(), 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], {
    cwd: repoRoot(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return out;
}

test('the VSIX holds the bundles, every wasm, the grammars, snippets and docs, and nothing of node_modules', async (t) => {
  const root = repoRoot();
  const entries = new Set(await zipEntries(vsixPath(t)));
  const inVsix = (relative: string) => entries.has('extension/' + relative.split(path.sep).join('/'));

  for (const bundle of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/console-worker.js']) assert.ok(inVsix(bundle), `${bundle} in the VSIX`);

  const wasm = readdirSync(path.join(root, 'dist')).filter((n) => n.endsWith('.wasm'));
  assert.ok(wasm.length >= 3, `dist/ has the wasm files (found ${wasm.join(', ')})`);
  for (const name of wasm) assert.ok(inVsix(`dist/${name}`), `dist/${name} in the VSIX`);

  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.ok(inVsix(pkg.main.replace(/^\.\//, '')), 'the main bundle named by package.json');
  const contributed: string[] = [
    ...(pkg.contributes?.grammars ?? []).map((g: { path: string }) => g.path),
    ...(pkg.contributes?.snippets ?? []).map((s: { path: string }) => s.path),
  ];
  for (const file of contributed) {
    const relative = path.normalize(file);
    assert.ok(existsSync(path.join(root, relative)), `${file} (named in package.json) exists`);
    assert.ok(inVsix(relative), `${file} (named in package.json) in the VSIX`);
  }
  for (const folder of ['syntaxes', 'snippets', 'docs']) {
    for (const file of filesUnder(path.join(root, folder))) {
      const relative = path.relative(root, file);
      assert.ok(inVsix(relative), `${relative} in the VSIX`);
    }
  }

  for (const entry of entries) {
    assert.doesNotMatch(entry, /(^|\/)node_modules\//, `${entry}: node_modules is bundled already`);
    assert.doesNotMatch(entry, /\.map$/, `${entry}: source maps stay out`);
    assert.doesNotMatch(entry, /^extension\/(client|server|test|examples|scripts|out|bench|\.e2e)\//, `${entry}: sources and tests stay out`);
  }
  assert.ok(inVsix('package.json'));
  assert.ok([...entries].some((e) => /^extension\/license(\.txt)?$/i.test(e)), 'the LICENSE');
});

test("the VSIX's README and manifest keep their links inside the extension: no rewrite to a repository that does not exist", async (t) => {
  const vsix = vsixPath(t);
  const readme = await zipText(vsix, 'extension/readme.md').catch(() => zipText(vsix, 'extension/README.md'));
  assert.doesNotMatch(readme, /github\.com\/rawsync/, 'vsce did not prefix the relative links with a made-up repository');
  assert.match(readme, /\]\(docs\/rules\/put-not-upsert\.md\)/, "the settings table links to the rule page shipped beside the README");
  const manifest = await zipText(vsix, 'extension/package.json');
  assert.doesNotMatch(manifest, /github\.com\/rawsync/);
});

test('every bundle in dist/ has the source map its own build wrote, so stack traces from it can be mapped', () => {
  const dist = path.join(repoRoot(), 'dist');
  const bundles = readdirSync(dist).filter((f) => f.endsWith('.js'));
  assert.ok(bundles.length >= 3, bundles.join(', '));
  for (const bundle of bundles) {
    const code = readFileSync(path.join(dist, bundle), 'utf8');
    assert.match(code, new RegExp(`//# sourceMappingURL=${bundle.replace(/\./g, '\\.')}\\.map\\s*$`), `${bundle} names its map`);
    const map = JSON.parse(readFileSync(path.join(dist, `${bundle}.map`), 'utf8')) as { version: number; mappings: string };
    assert.equal(map.version, 3);
    // A dev build's map beside a minified bundle maps lines the bundle does not have.
    const lines = code.split('\n').length;
    assert.ok(map.mappings.split(';').length <= lines, `${bundle}: ${lines} lines, its map maps ${map.mappings.split(';').length}`);
  }
});

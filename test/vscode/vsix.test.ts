import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

interface Packaged {
  vsix: string;
  /** What vsce printed (stdout and stderr). */
  output: string;
  status: number | null;
}

let packaged: Packaged | undefined;
const scratch: string[] = [];
after(() => { for (const dir of scratch) rmSync(dir, { recursive: true, force: true }); });

/** `vsce package` as `npm run package` runs it, from the bundles in dist/, into a scratch folder (once per file). */
function packageHere(): Packaged {
  if (packaged) return packaged;
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-vsix-'));
  scratch.push(dir);
  const vsix = path.join(dir, 'rawsync.vsix');
  const pkg = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
  const args = (pkg.scripts.package as string).replace(/^.*&&\s*vsce\s+/, '').replace(/\s-o\s+\S+/, '').split(/\s+/).filter(Boolean);
  const vsce = path.join(repoRoot(), 'node_modules', '@vscode', 'vsce', 'vsce');
  // Without GITHUB_ACTIONS vsce prints its warnings as " WARNING " lines, not workflow commands; stdin
  // closed, so a question ("Do you want to continue?") is answered no and fails the run.
  const env = { ...process.env };
  delete env.GITHUB_ACTIONS;
  const result = spawnSync(process.execPath, [vsce, ...args, '-o', vsix], { cwd: repoRoot(), env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  packaged = { vsix, output: `${result.stdout}${result.stderr}`, status: result.status };
  return packaged;
}

/** RAWSYNC_VSIX names a VSIX built by `npm run package` (CI); otherwise one is built from dist/. */
function vsixPath(): string {
  if (process.env.RAWSYNC_VSIX) return path.resolve(process.env.RAWSYNC_VSIX);
  const built = packageHere();
  assert.equal(built.status, 0, built.output);
  return built.vsix;
}

test("vsce packages the extension with npm run package's arguments and prints no warning", () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
  assert.doesNotMatch(pkg.scripts.package, /--allow-missing-repository|--allow-star-activation|--allow-unused-files-pattern/, 'no warning bypassed');
  const built = packageHere();
  assert.equal(built.status, 0, built.output);
  // eslint-disable-next-line no-control-regex
  const plain = built.output.replace(/\u001b\[[0-9;]*m/g, '');
  assert.doesNotMatch(plain, /WARNING|::warning/, plain);
  assert.match(plain, /DONE\s+Packaged:/);
  const size = statSync(built.vsix).size;
  console.log(`VSIX: ${(size / 1e6).toFixed(2)} MB`);
});

test('the VSIX holds the bundles, every wasm, the grammars, snippets and docs, and nothing of node_modules', async () => {
  const root = repoRoot();
  const entries = new Set(await zipEntries(vsixPath()));
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

test("the VSIX's README keeps its links inside the extension: vsce does not rewrite them to the repository", async () => {
  const vsix = vsixPath();
  const readme = await zipText(vsix, 'extension/readme.md').catch(() => zipText(vsix, 'extension/README.md'));
  assert.doesNotMatch(readme, /github\.com\/rawsync\/rawsync\/(blob|raw)\//, 'relative links stay relative (--no-rewrite-relative-links)');
  assert.match(readme, /\]\(docs\/rules\/put-not-upsert\.md\)/, "the settings table links to the rule page shipped beside the README");
  const manifest = JSON.parse(await zipText(vsix, 'extension/package.json'));
  const pkg = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
  assert.deepEqual(manifest.repository, pkg.repository);
});

test('the marketplace page: icon (PNG, at least 128x128), banner, keywords, categories, changelog, licence and the walkthrough with its media', async () => {
  const vsix = vsixPath();
  const entries = new Set(await zipEntries(vsix));
  const pkg = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
  assert.match(pkg.icon, /\.png$/);
  assert.ok(entries.has(`extension/${pkg.icon}`), `${pkg.icon} in the VSIX`);
  const png = readFileSync(path.join(repoRoot(), pkg.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, `icon ${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`);
  assert.match(pkg.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
  assert.ok(pkg.keywords.length >= 5 && pkg.keywords.length <= 30, 'the Marketplace takes up to 30 keywords');
  assert.ok(pkg.categories.includes('Linters'));
  for (const field of ['repository', 'homepage', 'bugs', 'license']) assert.ok(pkg[field], field);
  assert.ok([...entries].some((e) => /^extension\/changelog\.md$/i.test(e)), 'the CHANGELOG');
  const manifest = await zipText(vsix, 'extension.vsixmanifest');
  assert.match(manifest, /Microsoft\.VisualStudio\.Services\.Icons\.Default/);
  assert.match(manifest, /Microsoft\.VisualStudio\.Services\.Content\.Changelog/);
  const walkthroughs = pkg.contributes.walkthroughs as { steps: { media: { markdown: string } }[] }[];
  assert.ok(walkthroughs.length > 0);
  for (const step of walkthroughs.flatMap((w) => w.steps)) assert.ok(entries.has(`extension/${step.media.markdown}`), `${step.media.markdown} in the VSIX`);
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

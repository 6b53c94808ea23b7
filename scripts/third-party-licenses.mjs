// Writes dist/third-party-licenses.txt: every npm package whose code or wasm the bundles carry,
// with its version, its declared licence and the licence text from its own folder, so the copies
// Rawsync ships carry the notices those licences ask for. Called by esbuild.mjs after a build.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The package folder a file under node_modules belongs to (`…/node_modules/@scope/name`), or undefined. */
function packageDirOf(file) {
  const normalized = file.split(path.sep).join('/');
  const at = normalized.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const rest = normalized.slice(at + '/node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return `${normalized.slice(0, at)}/node_modules/${name}`;
}

/** The package's licence files (LICENSE, LICENCE, COPYING, NOTICE, any case and extension), by name. */
function licenceFiles(dir) {
  return readdirSync(dir).filter((name) => /^(licen[cs]e|copying|notice)(\b|[-_.]|$)/i.test(name)).sort();
}

/**
 * `files`: absolute or root-relative paths of the bundled inputs and the copied wasm files.
 * Writes `<dist>/third-party-licenses.txt` and returns the package names it lists.
 */
export function writeThirdPartyLicenses(root, dist, files) {
  const dirs = new Set();
  for (const file of files) {
    const absolute = path.isAbsolute(file) ? file : path.join(root, file);
    const dir = packageDirOf(absolute);
    if (dir && existsSync(path.join(dir, 'package.json'))) dirs.add(dir);
  }
  const packages = [...dirs].map((dir) => {
    const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const texts = licenceFiles(dir).map((name) => `--- ${name} ---\n${readFileSync(path.join(dir, name), 'utf8').trim()}`);
    return { name: json.name, version: json.version, license: typeof json.license === 'string' ? json.license : JSON.stringify(json.license ?? json.licenses ?? 'not declared'), texts };
  });
  // One entry per package and version, in name order, so the file is the same for the same inputs.
  const unique = new Map(packages.map((p) => [`${p.name}@${p.version}`, p]));
  const sorted = [...unique.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
  const out = [
    'Third-party software in Rawsync\'s bundles',
    '',
    'Rawsync\'s own code is under the MIT licence (LICENSE). The bundles in this folder (the extension,',
    'the language server, the CLI, the preview\'s script and the .wasm files) also carry the npm',
    'packages below, each under its own licence; each entry gives the licence its package declares and',
    'the licence files from its own folder. See docs/third-party-notices.md for notes on some of them.',
    '',
  ];
  for (const p of sorted) {
    out.push(`=== ${p.name} ${p.version} (${p.license}) ===`, '');
    out.push(p.texts.length > 0 ? p.texts.join('\n\n') : `(The package ships no licence file; its package.json declares ${p.license}.)`, '');
  }
  writeFileSync(path.join(dist, 'third-party-licenses.txt'), out.join('\n'));
  return sorted.map((p) => p.name);
}

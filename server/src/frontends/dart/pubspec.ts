import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { emptyFacts, type DependencyFact, type FileFacts, type Platform } from '../../model/facts';
import type { SourceLocation } from '../../model/location';
import { dartModuleIdOf } from './declarations';

/** The language ids of a Dart package's manifest and lockfile. */
export const PUBSPEC_LANGUAGE = 'pubspec';
export const PUBSPEC_LOCK_LANGUAGE = 'pubspec-lock';

/** The group Dart packages are recorded under in dependency facts (Gradle's are Maven groups). */
export const PUB_GROUP = 'pub.dev';

/**
 * `pubspec.yaml`: the package's name, so `package:<name>/x.dart` imports resolve to its `lib/x.dart`
 * (a module alias any library of the workspace may use), and its dependencies. A dependency's
 * version is recorded only when the manifest pins one exactly; a range (`^1.15.0`) says nothing of
 * the version in use, which the lockfile tells.
 */
export function extractPubspecFacts(uri: string, filePath: string, text: string, platform: Platform): FileFacts {
  const facts = emptyFacts(uri, PUBSPEC_LANGUAGE, platform);
  const parsed = parse(text);
  if (!parsed) return facts;
  const { root, lines } = parsed;
  const name = root.get('name');
  if (typeof name === 'string' && /^[a-z_][a-z0-9_]*$/.test(name)) {
    const folder = path.posix.dirname(filePath.replace(/\\/g, '/'));
    facts.moduleAliases = [{ root: '', pattern: `package:${name}/*`, targets: [`${dartModuleIdOf(`${folder}/lib/`)}*`] }];
  }
  for (const section of ['dependencies', 'dev_dependencies', 'dependency_overrides']) {
    const deps = root.get(section, true);
    if (!isMap(deps)) continue;
    for (const pair of deps.items) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string') continue;
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      const exact = typeof value === 'string' && /^\d+\.\d+\.\d+(?:[-+][\w.+-]*)?$/.test(value) ? value : undefined;
      facts.dependencies.push({ group: PUB_GROUP, artifact: pair.key.value, ...(exact ? { version: exact } : {}), loc: locOf(uri, pair.key, lines) });
    }
  }
  return facts;
}

/** `pubspec.lock`: the version of each package the app resolved. */
export function extractPubspecLockFacts(uri: string, text: string, platform: Platform): FileFacts {
  const facts = emptyFacts(uri, PUBSPEC_LOCK_LANGUAGE, platform);
  const parsed = parse(text);
  if (!parsed) return facts;
  const packages = parsed.root.get('packages', true);
  if (!isMap(packages)) return facts;
  for (const pair of packages.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !isMap(pair.value)) continue;
    const version = pair.value.get('version', true);
    if (!isScalar(version) || typeof version.value !== 'string') continue;
    const source = pair.value.get('source');
    const dependency: DependencyFact = {
      group: PUB_GROUP,
      artifact: pair.key.value,
      version: version.value,
      ...(typeof source === 'string' ? { source } : {}),
      loc: locOf(uri, version, parsed.lines),
    };
    facts.dependencies.push(dependency);
  }
  return facts;
}

function parse(text: string): { root: ReturnType<typeof parseDocument>['contents'] & { get: (key: string, keepScalar?: boolean) => unknown }; lines: LineCounter } | undefined {
  const lines = new LineCounter();
  try {
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
    if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
    return { root: doc.contents as never, lines };
  } catch {
    return undefined;
  }
}

function locOf(uri: string, node: YamlNode, lines: LineCounter): SourceLocation {
  const [start, , end] = node.range ?? [0, 0, 0];
  const a = lines.linePos(start);
  const b = lines.linePos(end);
  return { uri, range: { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } } };
}

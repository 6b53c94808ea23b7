import { parse, TomlError } from 'smol-toml';
import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import type { SourceLocation } from '../../model/location';
import { parseCoordinate } from '../gradle-coordinates';
import { parseDisableComment } from '../disable-comment';

type Table = Record<string, unknown>;

/**
 * Facts of a Gradle version catalog (`gradle/libs.versions.toml`): one dependency per library,
 * written as `"g:a:v"`, `{ module = "g:a", version… }` or `{ group, name, version… }`, with
 * `version.ref` looked up in `[versions]` and rich versions read as strictly, then require, then
 * prefer; the `[plugins]` ids; and `# rawsync-disable-next-line` comments. A catalog that does not
 * parse gives a syntax error at TOML's position and no libraries.
 */
export function extractVersionCatalogFacts(uri: string, text: string, platform: Platform): FileFacts {
  const facts = emptyFacts(uri, 'version-catalog', platform);
  readDisableComments(uri, text, facts);
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (e) {
    const line = e instanceof TomlError ? Math.max(0, e.line - 1) : 0;
    const character = e instanceof TomlError ? Math.max(0, e.column - 1) : 0;
    facts.syntaxErrors.push({ uri, range: { start: { line, character }, end: { line, character: character + 1 } } });
    return facts;
  }
  const where = new CatalogLines(uri, text);
  const versions = isTable(doc.versions) ? doc.versions : {};
  const libraries = isTable(doc.libraries) ? doc.libraries : {};
  for (const [alias, entry] of Object.entries(libraries)) {
    const library = readLibrary(entry, versions);
    if (!library) continue;
    const coordinate = parseCoordinate(library.module, true);
    if (!coordinate) continue;
    const loc = (library.versionRef !== undefined ? where.entry('versions', library.versionRef) : undefined) ?? where.entry('libraries', alias);
    if (!loc) continue;
    facts.dependencies.push({ group: coordinate.group, artifact: coordinate.artifact, version: library.version, loc });
  }
  const plugins = isTable(doc.plugins) ? doc.plugins : {};
  for (const [alias, entry] of Object.entries(plugins)) {
    const plugin = readPlugin(entry, versions);
    // The entry itself: its id, not its version, is what a reader asks about.
    const loc = plugin && where.entry('plugins', alias);
    if (plugin && loc) (facts.plugins ??= []).push({ id: plugin.id, ...(plugin.version !== undefined ? { version: plugin.version } : {}), loc });
  }
  return facts;
}

/** `# rawsync-disable-next-line <id>` on a line of its own: TOML's comments start with `#`. */
function readDisableComments(uri: string, text: string, facts: FileFacts): void {
  text.split('\n').forEach((raw, line) => {
    const trimmed = raw.trim();
    if (!trimmed.startsWith('#')) return;
    const rules = parseDisableComment(trimmed.slice(1));
    const indent = raw.length - raw.trimStart().length;
    if (rules) facts.disableComments.push({ line: line + 1, rules, loc: { uri, range: { start: { line, character: indent }, end: { line, character: raw.trimEnd().length } } } });
  });
}

/** `"id:version"`, or `{ id = "…", version = "…" | version.ref = "…" }`. */
function readPlugin(entry: unknown, versions: Table): { id: string; version?: string } | undefined {
  if (typeof entry === 'string') {
    const [id, version] = entry.split(':');
    return id ? { id, ...(version ? { version } : {}) } : undefined;
  }
  if (!isTable(entry) || typeof entry.id !== 'string') return undefined;
  const version = entry.version;
  if (isTable(version) && typeof version.ref === 'string') return { id: entry.id, version: richVersion(versions[version.ref]) };
  return { id: entry.id, version: richVersion(version) };
}

function readLibrary(entry: unknown, versions: Table): { module: string; version?: string; versionRef?: string } | undefined {
  if (typeof entry === 'string') {
    const c = parseCoordinate(entry, true);
    return c ? { module: `${c.group}:${c.artifact}`, version: c.version } : undefined;
  }
  if (!isTable(entry)) return undefined;
  const module =
    typeof entry.module === 'string' ? entry.module
    : typeof entry.group === 'string' && typeof entry.name === 'string' ? `${entry.group}:${entry.name}`
    : undefined;
  if (!module) return undefined;
  const version = entry.version;
  if (isTable(version) && typeof version.ref === 'string') {
    return { module, version: richVersion(versions[version.ref]), versionRef: version.ref };
  }
  return { module, version: richVersion(version) };
}

/** A plain version string, or the strictest of a rich version. */
function richVersion(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (!isTable(v)) return undefined;
  for (const key of ['strictly', 'require', 'prefer']) {
    const value = v[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/**
 * Where a catalog entry is written. smol-toml gives values without positions, so this reads the
 * TOML line by line: table headers (`[libraries]`, `[libraries.alias]`) and the key at the start
 * of each line, bare or quoted, dotted keys included.
 */
class CatalogLines {
  private readonly entries = new Map<string, SourceLocation>();

  constructor(uri: string, text: string) {
    const lines = text.split('\n');
    let table: string[] = [];
    lines.forEach((raw, line) => {
      const trimmed = raw.trim();
      const indent = raw.length - raw.trimStart().length;
      const range = { start: { line, character: indent }, end: { line, character: raw.trimEnd().length } };
      if (trimmed.startsWith('[[')) {
        table = []; // arrays of tables hold no catalog entries
        return;
      }
      if (trimmed.startsWith('[')) {
        table = splitKey(trimmed.slice(1, trimmed.indexOf(']') < 0 ? trimmed.length : trimmed.indexOf(']')));
        if (table.length === 2) this.remember(table[0], table[1], { uri, range });
        return;
      }
      const eq = keyEnd(trimmed);
      if (eq < 0 || table.length !== 1) return;
      const key = splitKey(trimmed.slice(0, eq))[0];
      if (key !== undefined) this.remember(table[0], key, { uri, range });
    });
  }

  entry(table: string, key: string): SourceLocation | undefined {
    return this.entries.get(`${table}\u0000${key}`);
  }

  private remember(table: string, key: string, loc: SourceLocation): void {
    const id = `${table}\u0000${key}`;
    if (!this.entries.has(id)) this.entries.set(id, loc);
  }
}

/** The offset of the `=` that ends a line's key, or -1 (quotes respected). */
function keyEnd(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
    else if (c === '#') return -1;
  }
  return -1;
}

/** `a.b`, `"a.b".c` → segments, unquoted. */
function splitKey(key: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const c of key.trim()) {
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '.') {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  out.push(current.trim());
  return out.filter((s) => s.length > 0);
}

import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MAX_FILE_BYTES, languageOf } from './index';

/** Folders never worth reading: build output, VCS data, dependencies, IDE state. */
const SKIPPED_DIRS = new Set(['.git', '.gradle', '.idea', 'build', 'node_modules', 'out', 'dist', '.kotlin', '.fleet', '.vscode-test']);

export interface WorkspaceFile {
  uri: string;
  path: string;
  text: string;
}

export interface ScanOptions {
  maxFileBytes?: number;
  /** Returns true for paths (relative to the root, `/`-separated) to leave out. */
  exclude?: (relativePath: string) => boolean;
}

/**
 * Reads every file a front end understands under `root` (a folder or a single file). A symbolic
 * link that leads inside the root is passed over (the scan reaches its target by its own path);
 * one that leads outside is followed, and each real folder and file is read once, so links never
 * loop nor read a file twice. Only regular files are read (a named pipe would block).
 */
export function scanWorkspace(root: string, options: ScanOptions = {}): WorkspaceFile[] {
  return [...walkWorkspace(root, options)];
}

/** `scanWorkspace` one file at a time: each file is read when it is reached. */
export function* walkWorkspace(root: string, options: ScanOptions = {}): Generator<WorkspaceFile> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const rootStat = statSync(root);
  const base = rootStat.isDirectory() ? root : path.dirname(root);
  const realBase = realpathSync(base);
  // Each real folder and file once, by device and inode (no realpath call per file).
  const seen = new Set<string>();
  const firstVisit = (st: Stats) => {
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const linksInside = (full: string) => {
    try {
      const rel = path.relative(realBase, realpathSync(full));
      return !rel.startsWith('..') && !path.isAbsolute(rel);
    } catch {
      return true;
    }
  };
  function* visit(full: string, st: Stats): Generator<WorkspaceFile> {
    const rel = path.relative(base, full).split(path.sep).join('/');
    if (rel && options.exclude?.(rel)) return;
    if (st.isDirectory()) {
      if (!firstVisit(st)) return;
      let entries: Dirent[];
      try { entries = readdirSync(full, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); } catch { return; }
      for (const entry of entries) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        const child = path.join(full, entry.name);
        if (entry.isSymbolicLink() && linksInside(child)) continue;
        // A file no front end reads is not even looked at.
        if (entry.isFile() && !languageOf(child)) continue;
        let childStat;
        try { childStat = statSync(child); } catch { continue; }
        yield* visit(child, childStat);
      }
      return;
    }
    if (!st.isFile() || st.size > maxBytes || !languageOf(full) || !firstVisit(st)) return;
    let text: string;
    try { text = readFileSync(full, 'utf8'); } catch { return; }
    yield { uri: pathToFileURL(full).href, path: full, text };
  }
  yield* visit(root, rootStat);
}

/**
 * One file under the folder `root`, read as `scanWorkspace(root)` would read it; undefined when
 * that scan would leave it out (outside the root, a skipped or excluded folder, too large, unread).
 */
export function readWorkspaceFile(root: string, file: string, options: ScanOptions = {}): WorkspaceFile | undefined {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (!rel || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return undefined;
  const segments = rel.split('/');
  for (let i = 0; i < segments.length; i++) {
    if (SKIPPED_DIRS.has(segments[i])) return undefined;
    if (options.exclude?.(segments.slice(0, i + 1).join('/'))) return undefined;
  }
  if (!languageOf(file)) return undefined;
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > (options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)) return undefined;
    return { uri: pathToFileURL(file).href, path: file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

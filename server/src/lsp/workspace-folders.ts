import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer } from '../analyzer';
import { readWorkspaceFile, walkWorkspace, type ScanOptions, type WorkspaceFile } from '../frontends/workspace-files';
import { excludeMatcher } from '../frontends/exclude-globs';
import { RULES } from '../rules/index';
import { runRules, type RuleRun, type RunOptions } from '../rules/run';
import type { ServerSettings } from './settings';

interface Folder {
  /** Absolute path of the workspace folder; undefined for the one analyzer of a folder-less session. */
  root?: string;
  analyzer: Analyzer;
}

const pathOf = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);
const isInside = (root: string, file: string) => {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};
const sharedSegments = (a: string, b: string) => {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
};

/**
 * One Analyzer per workspace folder: two apps opened side by side are two models, so a raw table
 * of one never matches an entity of the other. A file belongs to the deepest folder holding it;
 * an open file outside every folder goes to the folder sharing most of its path.
 */
export class WorkspaceFolders {
  private folders: Folder[] = [];

  private constructor(private readonly wasmDir: string, private readonly log: (message: string) => void) {}

  /** `log` hears of every file a front end gave up on (the not-analyzed rule reports it too). */
  static async create(wasmDir: string, roots: string[], log: (message: string) => void = () => {}): Promise<WorkspaceFolders> {
    const folders = new WorkspaceFolders(wasmDir, log);
    await folders.setRoots(roots);
    return folders;
  }

  roots(): string[] {
    return this.folders.flatMap((f) => (f.root ? [f.root] : []));
  }

  analyzers(): Analyzer[] {
    return this.folders.map((f) => f.analyzer);
  }

  /** Keeps the analyzers of folders still open; the caller re-indexes afterwards. */
  async setRoots(roots: string[]): Promise<void> {
    const unique = [...new Set(roots.map((r) => path.resolve(r)))];
    const kept = this.folders.filter((f) => f.root !== undefined && unique.includes(f.root));
    const added = await Promise.all(
      unique.filter((r) => !kept.some((f) => f.root === r)).map(async (root) => ({ root, analyzer: await Analyzer.create(this.wasmDir) })),
    );
    const next: Folder[] = [...kept, ...added].sort((a, b) => unique.indexOf(a.root!) - unique.indexOf(b.root!));
    if (next.length === 0) next.push(this.folders.find((f) => f.root === undefined) ?? { analyzer: await Analyzer.create(this.wasmDir) });
    // A folder closed in the editor lets its analyzer's databases go.
    for (const folder of this.folders) if (!next.includes(folder)) folder.analyzer.dispose();
    this.folders = next;
  }

  /** The folder the file belongs to: the deepest one holding it, else the nearest. */
  private folderOf(uri: string): Folder {
    const file = pathOf(uri);
    if (file === undefined) return this.folders[0];
    const holding = this.folders.filter((f) => f.root !== undefined && isInside(f.root, file));
    if (holding.length > 0) return holding.reduce((a, b) => (b.root!.length > a.root!.length ? b : a));
    return this.folders.reduce((a, b) => (sharedSegments(b.root ?? '', file) > sharedSegments(a.root ?? '', file) ? b : a));
  }

  /** The workspace folder the file belongs to (undefined when no folder is open). */
  rootOf(uri: string): string | undefined {
    return this.folderOf(uri).root;
  }

  /** The analyzer whose model holds the file. */
  analyzerOf(uri: string): Analyzer {
    return this.folderOf(uri).analyzer;
  }

  /** Whether the file lies inside a workspace folder (files outside are indexed only while open). */
  holds(uri: string): boolean {
    const file = pathOf(uri);
    return file !== undefined && this.folders.some((f) => f.root !== undefined && isInside(f.root, file));
  }

  /** Returns true when some model changed. */
  update(uri: string, text: string): boolean {
    const owner = this.folderOf(uri);
    let changed = this.updateIn(owner.analyzer, uri, text);
    for (const f of this.folders) if (f !== owner && f.analyzer.index.remove(uri)) changed = true;
    return changed;
  }

  private updateIn(analyzer: Analyzer, uri: string, text: string): boolean {
    const changed = analyzer.index.update(uri, text);
    const unread = changed ? analyzer.index.factsOf(uri)?.unread : undefined;
    if (unread) this.log(`not read: ${uri}${unread.from.line > 0 ? ` from line ${unread.from.line + 1}` : ''}: ${unread.reason}`);
    return changed;
  }

  /** Removes the file, or every file under it (but those `keep` holds) when it names a folder. Returns true when some model changed. */
  remove(uri: string, keep: (uri: string) => boolean = () => false): boolean {
    const folderPrefix = uri.endsWith('/') ? uri : `${uri}/`;
    let changed = false;
    for (const f of this.folders) {
      for (const indexed of f.analyzer.index.uris()) {
        if ((indexed === uri || (indexed.startsWith(folderPrefix) && !keep(indexed))) && f.analyzer.index.remove(indexed)) changed = true;
      }
    }
    return changed;
  }

  /** Removes every file from every model (to read them all again, as other languages maybe). */
  removeAll(): void {
    for (const f of this.folders) for (const uri of [...f.analyzer.index.uris()]) f.analyzer.index.remove(uri);
  }

  filesIndexed(): number {
    return this.folders.reduce((n, f) => n + f.analyzer.index.size, 0);
  }

  /** The file read from disk as the workspace scan reads it; undefined when the scan leaves it out. */
  readFromDisk(uri: string, settings: ServerSettings): WorkspaceFile | undefined {
    const file = pathOf(uri);
    if (file === undefined) return undefined;
    const root = this.folderOf(uri).root;
    if (root === undefined || !isInside(root, file)) return undefined;
    return readWorkspaceFile(root, file, scanOptions(settings));
  }

  /**
   * Reads every folder from disk into its analyzer; open documents keep their editor text; files
   * gone from disk, now excluded, or now in another folder leave the index.
   */
  indexAll(settings: ServerSettings, openDocuments: { uri: string; text: string }[]): void {
    const steps = this.indexSteps(settings, openDocuments);
    while (!steps.next().done) { /* every file at once */ }
  }

  /** `indexAll` a file at a time: yields the number of files read so far, so a caller can pause between them. */
  *indexSteps(settings: ServerSettings, openDocuments: { uri: string; text: string }[]): Generator<number> {
    const placed = new Map<string, Analyzer>();
    const open = new Set(openDocuments.map((d) => d.uri));
    for (const folder of this.folders) {
      if (folder.root === undefined) continue;
      for (const file of walkWorkspace(folder.root, scanOptions(settings))) {
        const owner = this.analyzerOf(file.uri);
        if (owner !== folder.analyzer || placed.has(file.uri)) continue; // a nested folder's file, read by its own scan
        placed.set(file.uri, owner);
        if (!open.has(file.uri)) this.updateIn(owner, file.uri, file.text);
        yield placed.size;
      }
    }
    for (const doc of openDocuments) {
      const owner = this.analyzerOf(doc.uri);
      placed.set(doc.uri, owner);
      this.updateIn(owner, doc.uri, doc.text);
    }
    for (const f of this.folders) {
      for (const uri of f.analyzer.index.uris()) if (placed.get(uri) !== f.analyzer) f.analyzer.index.remove(uri);
    }
  }

  /** Runs the rules over each folder's own model, with that folder's options; the findings of all folders together. */
  runRules(options: (root: string | undefined) => RunOptions): RuleRun {
    const runs = this.folders.map((f) => runRules(RULES, f.analyzer.model(), f.analyzer.ruleContext(), options(f.root)));
    return { findings: runs.flatMap((r) => r.findings), failures: runs.flatMap((r) => r.failures) };
  }
}

function scanOptions(settings: ServerSettings): ScanOptions {
  return { maxFileBytes: settings.maxFileSizeKb * 1024, exclude: excludeMatcher(settings.exclude) };
}

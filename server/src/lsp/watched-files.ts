import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type FileEvent,
  type FileSystemWatcher,
} from 'vscode-languageserver';
import { readGlobs, type NamedPath } from '../frontends/registry';
import type { ServerSettings } from './settings';
import type { WorkspaceFolders } from './workspace-folders';

/** The files a language plugin reads (frontends/registry.ts), and the folders' rawsync.json. */
export const WATCHED_FILE_GLOBS = [...readGlobs(), '**/rawsync.json'];

/** Events of one burst (a branch switch, a rename of a folder) are applied together and re-checked once. */
const BURST_MS = 150;

export interface WatchedFilesHost {
  /** Undefined until the server has started. */
  folders(): WorkspaceFolders | undefined;
  /** Resolves once the first scan is done. */
  ready(): Promise<void>;
  settings(): ServerSettings;
  isOpen(uri: string): boolean;
  /**
   * A workspace folder's rawsync.json changed: reads it again (and the workspace, when the backend
   * paths it names changed). Undefined for any other file, else whether the findings may change.
   */
  configChanged(uri: string): boolean | undefined;
  /** Re-reads every workspace folder (a folder appeared: its files come with no events of their own). */
  reindex(): void;
  recheck(): void;
}

/** Asks the client to watch the files Rawsync reads, when it can register watchers at run time. */
export async function registerFileWatchers(connection: Connection, capabilities: ClientCapabilities): Promise<boolean> {
  if (!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return false;
  try {
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILE_GLOBS.map((globPattern) => ({ globPattern })) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Watches the paths the folders' rawsync.json name (the plugins' globs need not cover them: a sync
 * config may be called anything), in a registration of their own, replaced when they change.
 */
export class NamedPathWatchers {
  private registration: Promise<Disposable | undefined> = Promise.resolve(undefined);

  constructor(private readonly connection: Connection, private readonly capabilities: ClientCapabilities) {}

  watch(paths: readonly NamedPath[]): void {
    const watching = this.capabilities.workspace?.didChangeWatchedFiles;
    if (!watching?.dynamicRegistration) return;
    const relative = watching.relativePatternSupport === true;
    this.registration = this.registration.then(async (previous) => {
      try { await previous?.dispose(); } catch { /* the client forgot it already */ }
      if (paths.length === 0) return undefined;
      try {
        return await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: paths.map((p) => watcherOf(p, relative)) });
      } catch {
        return undefined;
      }
    });
  }
}

/** A named file or folder's files as a watcher: a relative pattern where the client takes one, else an absolute glob. */
function watcherOf(named: NamedPath, relative: boolean): FileSystemWatcher {
  const [folder, pattern] = 'file' in named ? [path.dirname(named.file), path.basename(named.file)] : [named.folder, `*${named.extension}`];
  if (relative) return { globPattern: { baseUri: pathToFileURL(folder).href, pattern } };
  return { globPattern: `${folder.split(path.sep).join('/')}/${pattern}` };
}

/**
 * Files created, changed or deleted outside the editor (a rename is a delete and a create): the
 * index follows the disk for files not open in the editor, whose text stays the editor's.
 */
export class WatchedFiles {
  private readonly pending = new Map<string, FileChangeType>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly host: WatchedFilesHost) {}

  /** Queues the events; the last one per file wins. */
  changed(events: FileEvent[]): void {
    for (const event of events) this.pending.set(event.uri, event.type);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.host.ready().then(() => this.flush()), BURST_MS);
  }

  /** A document closed in the editor goes back to its text on disk (unsaved edits are gone). */
  closed(uri: string): void {
    this.changed([{ uri, type: FileChangeType.Changed }]);
  }

  /** Applies the queued events now; returns true when some model changed. */
  flush(): boolean {
    clearTimeout(this.timer);
    this.timer = undefined;
    const folders = this.host.folders();
    if (!folders || this.pending.size === 0) return false;
    const events = [...this.pending];
    this.pending.clear();
    let changed = false;
    let folderCreated = false;
    let configChanged = false;
    for (const [uri, type] of events) {
      // The severities, not an indexed file (whether open in the editor or not: the server re-reads the disk).
      const config = this.host.configChanged(uri);
      if (config !== undefined) {
        configChanged = config || configChanged;
        continue;
      }
      if (this.host.isOpen(uri)) continue;
      if (type === FileChangeType.Deleted) {
        changed = folders.remove(uri, (u) => this.host.isOpen(u)) || changed;
        continue;
      }
      if (isFolder(uri)) {
        folderCreated = true;
        continue;
      }
      const file = folders.readFromDisk(uri, this.host.settings());
      changed = (file ? folders.update(uri, file.text) : folders.remove(uri)) || changed;
    }
    if (folderCreated) this.host.reindex();
    if (changed || folderCreated || configChanged) this.host.recheck();
    return changed || folderCreated || configChanged;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

function isFolder(uri: string): boolean {
  if (!uri.startsWith('file:')) return false;
  try {
    return statSync(fileURLToPath(uri)).isDirectory();
  } catch {
    return false;
  }
}

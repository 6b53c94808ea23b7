import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  CodeLensRefreshRequest,
  MessageType,
  ShowMessageNotification,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceFolders } from './workspace-folders';
import { notCheckedCount } from '../rules/not-analyzed';
import { NamedPathWatchers, registerFileWatchers, WatchedFiles } from './watched-files';
import { diagnosticsByFile } from './diagnostics';
import { codeActions, FIX_ALL_KIND } from './code-actions';
import { hover } from './hover';
import { definition } from './definition';
import { completion } from './completion';
import type { WorkspaceModel } from '../model/workspace';
import type { Finding } from '../findings/finding';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings';
import {
  CHECK_WORKSPACE_REQUEST, PREVIEW_QUERY_REQUEST, PREVIEW_REQUEST, STATUS_NOTIFICATION,
  type CheckWorkspaceResult, type PreviewParams, type PreviewQueryParams, type PreviewResponse, type ServerStatus,
} from './protocol';
import { codeLenses } from './code-lens';
import { PreviewService } from './preview';
import { installRootOf, RuleDocs } from '../doors/rule-docs';
import { FolderConfigs } from './folder-config';
import { setNamedPaths } from '../frontends/registry';

const DEBOUNCE_MS = 200;
/**
 * The initial scan runs in slices of about this long, so requests and edits are answered between
 * them. Short, because the JSON-RPC layer handles one incoming message per turn of the event loop.
 */
const SCAN_SLICE_MS = 5;
const PROGRESS_EVERY_MS = 100;

/** LSP wiring only: every analysis is the Analyzer's and the rules'. */
export class RawsyncServer {
  private readonly documents = new TextDocuments(TextDocument);
  /** One analyzer per workspace folder; undefined until the server has started. */
  private folders?: WorkspaceFolders;
  private clientCapabilities: ClientCapabilities = {};
  private namedPathWatchers?: NamedPathWatchers;
  private readonly watchedFiles = new WatchedFiles({
    folders: () => this.folders,
    ready: () => this.ready,
    settings: () => this.settings,
    isOpen: (uri) => this.documents.get(uri) !== undefined,
    configChanged: (uri) => this.configChanged(uri),
    reindex: () => this.indexWorkspace(),
    recheck: () => this.publish(),
  });
  private roots: string[] = [];
  private settings: ServerSettings = DEFAULT_SETTINGS;
  /** Each workspace folder's rawsync.json; the settings win over it. */
  private readonly configs = new FolderConfigs((message) => {
    this.connection.console.warn(message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Rawsync: ${message}` });
  });
  private published = new Set<string>();
  private timers = new Map<string, NodeJS.Timeout>();
  private ready: Promise<void> = Promise.resolve();
  /** True until the initial scan is done: requests answer at once with nothing rather than wait for it. */
  private indexing = true;
  private findings: Finding[] = [];
  private lastStatus: ServerStatus = { state: 'indexing', filesIndexed: 0 };
  /** Counts the changes to the indexed files, so a preview can tell it is stale. */
  private modelVersion = 0;
  private readonly previews: PreviewService;
  /** The rule pages beside the bundle (dist/ is in the installed extension's root). */
  private readonly ruleDocs: RuleDocs;

  constructor(private readonly connection: Connection, private readonly wasmDir: string) {
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      this.ready = this.start();
    });
    connection.onDidChangeConfiguration(() => void this.reloadSettings().then(() => this.publish()));
    this.documents.onDidChangeContent((e) => this.schedule(e.document.uri));
    this.documents.onDidClose((e) => this.watchedFiles.closed(e.document.uri));
    connection.onDidChangeWatchedFiles((params) => this.watchedFiles.changed(params.changes));
    connection.onCodeAction((params) => this.answer([], () => codeActions(params, this.findings, (line) => this.lineText(params.textDocument.uri, line))));
    connection.onHover((params) => this.answer(null, async () => hover(await this.modelWith(params.textDocument.uri), params.textDocument.uri, params.position)));
    connection.onDefinition((params) => this.answer(null, async () => definition(await this.modelWith(params.textDocument.uri), params.textDocument.uri, params.position)));
    connection.onCompletion((params) => this.answer(null, async () => completion(await this.modelWith(params.textDocument.uri), params.textDocument.uri, params.position)));
    connection.onRequest(CHECK_WORKSPACE_REQUEST, () => this.ready.then(() => this.checkWorkspace()));
    this.previews = new PreviewService(wasmDir);
    this.ruleDocs = new RuleDocs(installRootOf(wasmDir));
    connection.onCodeLens((params) => this.answer([], async () => codeLenses(await this.modelWith(params.textDocument.uri), params.textDocument.uri)));
    connection.onRequest(PREVIEW_REQUEST, (params: PreviewParams) => this.preview(params));
    connection.onRequest(PREVIEW_QUERY_REQUEST, (params: PreviewQueryParams) => this.previews.query(String(params?.sql ?? '')));
    connection.onShutdown(() => this.previews.dispose());
    this.documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.clientCapabilities = params.capabilities;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: ['"'] },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'rawsync' },
    };
  }

  private async start(): Promise<void> {
    this.folders = await WorkspaceFolders.create(this.wasmDir, this.roots, (message) => this.connection.console.warn(message));
    if (this.clientCapabilities.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        this.ready = this.ready
          .then(() => this.changeFolders(e.added.map((f) => f.uri), e.removed.map((f) => f.uri)))
          .catch((error: unknown) => this.connection.console.error(`workspace folders not updated: ${String((error as Error)?.stack ?? error)}`));
      });
    }
    void registerFileWatchers(this.connection, this.clientCapabilities);
    this.namedPathWatchers = new NamedPathWatchers(this.connection, this.clientCapabilities);
    await this.reloadSettings();
    this.sendStatus({ state: 'indexing', filesIndexed: 0 });
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('Rawsync', undefined, 'Indexing workspace');
    try {
      await this.indexInSlices((done) => {
        progress.report(`${done} files read`);
        this.sendStatus({ state: 'indexing', filesIndexed: done });
      });
    } finally {
      this.indexing = false;
      progress.done();
    }
    // Let the client hear that reading is over before the first check holds the thread.
    const checking: ServerStatus = { state: 'checking', filesIndexed: this.folders.filesIndexed() };
    this.lastStatus = checking;
    await this.connection.sendNotification(STATUS_NOTIFICATION, checking);
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
    this.publish();
    // Code lenses asked for while the scan ran were answered with none.
    if (this.clientCapabilities.workspace?.codeLens?.refreshSupport) void this.connection.sendRequest(CodeLensRefreshRequest.type);
  }

  /**
   * The initial scan, a slice at a time: between slices the server answers requests (with nothing
   * while indexing) and takes edits, so no request waits for the scan.
   */
  private async indexInSlices(report: (filesRead: number) => void): Promise<void> {
    if (!this.folders) return;
    this.configs.reload(this.folders.roots());
    this.applyNamedPaths();
    const steps = this.folders.indexSteps(this.settings, this.documents.all().map((d) => ({ uri: d.uri, text: d.getText() })));
    let sliceStart = performance.now();
    let reported = sliceStart;
    for (const filesRead of steps) {
      const now = performance.now();
      if (now - sliceStart < SCAN_SLICE_MS) continue;
      // Progress a few times a second: each notification is a turn of the client's event loop too.
      if (now - reported >= PROGRESS_EVERY_MS) {
        report(filesRead);
        reported = now;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }

  /** A request's answer once the server has started; while the initial scan runs, `whileIndexing` at once. */
  private async answer<T>(whileIndexing: T, compute: () => T | Promise<T>): Promise<T> {
    if (this.indexing) return whileIndexing;
    await this.ready;
    return compute();
  }

  /** Reads the workspace folders (and their rawsync.json) from disk; open documents keep their editor text. */
  private indexWorkspace(): void {
    if (!this.folders) return;
    this.configs.reload(this.folders.roots());
    this.applyNamedPaths();
    this.folders.indexAll(this.settings, this.documents.all().map((d) => ({ uri: d.uri, text: d.getText() })));
  }

  /**
   * A watched file changed: when it is a folder's rawsync.json, reads it again, and when the backend
   * paths it names changed, reads the workspace again. Undefined for any other file, else whether
   * the findings may change.
   */
  private configChanged(uri: string): boolean | undefined {
    if (!this.folders) return undefined;
    const changed = this.configs.fileChanged(uri, this.folders.roots());
    if (changed === undefined || !this.applyNamedPaths()) return changed;
    this.folders.indexAll(this.settings, this.documents.all().map((d) => ({ uri: d.uri, text: d.getText() })));
    return true;
  }

  /**
   * The backend paths the folders' rawsync.json name, for the scans and the front ends; when they
   * changed, every model forgets its files, which the caller reads again (a file's language may differ).
   */
  private applyNamedPaths(): boolean {
    const named = this.configs.namedPaths();
    if (!setNamedPaths(named)) return false;
    this.namedPathWatchers?.watch(named);
    this.folders?.removeAll();
    return true;
  }

  /** Folders added to or removed from the workspace: each folder is its own model. */
  private async changeFolders(added: string[], removed: string[]): Promise<void> {
    if (!this.folders) return;
    const paths = (uris: string[]) => uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const gone = new Set(paths(removed).map((r) => path.resolve(r)));
    await this.folders.setRoots([...this.folders.roots().filter((r) => !gone.has(r)), ...paths(added)]);
    this.roots = this.folders.roots();
    this.indexWorkspace();
    this.publish();
  }

  private async preview(params: PreviewParams | undefined): Promise<PreviewResponse> {
    await this.ready;
    const folders = this.folders!;
    const uri = params?.uri ?? (folders.roots()[0] ? pathToFileURL(folders.roots()[0]).href : undefined);
    const model = uri ? await this.modelWith(uri) : folders.analyzers()[0].model();
    const root = (uri && folders.rootOf(uri)) ?? (uri?.startsWith('file:') ? path.dirname(fileURLToPath(uri)) : process.cwd());
    return this.previews.build(model, root, this.modelVersion);
  }

  private checkWorkspace(): CheckWorkspaceResult {
    this.indexWorkspace();
    return this.publish();
  }

  private sendStatus(status: ServerStatus): void {
    this.lastStatus = status;
    void this.connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  private async reloadSettings(): Promise<void> {
    try {
      this.settings = readSettings(await this.connection.workspace.getConfiguration('rawsync'));
    } catch {
      this.settings = DEFAULT_SETTINGS;
    }
  }

  private schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.ready.then(() => {
        const doc = this.documents.get(uri);
        if (!doc || !this.folders) return;
        const started = performance.now();
        const rechecked = this.folders.update(uri, doc.getText());
        if (rechecked) this.publish();
        this.sendStatus({ ...this.lastStatus, handled: { uri, version: doc.version, ms: performance.now() - started, rechecked } });
      });
    }, DEBOUNCE_MS));
  }

  /** The model with the document's latest text: a request must not wait for the debounce. */
  private async modelWith(uri: string): Promise<WorkspaceModel> {
    await this.ready;
    const doc = this.documents.get(uri);
    if (this.timers.has(uri) && doc && this.folders) {
      clearTimeout(this.timers.get(uri));
      this.timers.delete(uri);
      if (this.folders.update(uri, doc.getText())) this.publish();
    }
    return this.folders!.analyzerOf(uri).model();
  }

  /** Re-checks the workspace: a change in one file can change findings in another. */
  private publish(): CheckWorkspaceResult {
    if (!this.folders) return { filesIndexed: 0, findings: 0, durationMs: 0 };
    const started = performance.now();
    this.modelVersion++;
    const filesIndexed = this.folders.filesIndexed();
    this.sendStatus({ state: 'checking', filesIndexed });
    const run = this.folders.runRules((root) => ({ severities: this.configs.severities(root, this.settings.rules) }));
    for (const failure of run.failures) this.connection.console.error(`rule ${failure.rule} failed: ${String((failure.error as Error)?.stack ?? failure.error)}`);
    this.findings = run.findings;
    const byFile = diagnosticsByFile(run.findings, this.published, this.ruleDocs);
    this.published = new Set([...byFile].filter(([, d]) => d.length > 0).map(([uri]) => uri));
    for (const [uri, diagnostics] of byFile) void this.connection.sendDiagnostics({ uri, diagnostics });
    const durationMs = Math.round(performance.now() - started);
    this.sendStatus({ state: 'idle', filesIndexed, findings: run.findings.length, notChecked: notCheckedCount(run.findings), lastCheckMs: durationMs, lastCheckAt: new Date().toISOString(), modelVersion: this.modelVersion });
    return { filesIndexed, findings: run.findings.length, durationMs };
  }

  /** A line of an open document, or of the file on disk. */
  private lineText(uri: string, line: number): string {
    const doc = this.documents.get(uri);
    if (doc) return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
    try {
      return readFileSync(fileURLToPath(uri), 'utf8').split('\n')[line] ?? '';
    } catch {
      return '';
    }
  }
}

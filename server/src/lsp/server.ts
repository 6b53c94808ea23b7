import { fileURLToPath } from 'node:url';
import {
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from '../analyzer';
import { scanWorkspace } from '../frontends/workspace-files';
import { excludeMatcher } from '../frontends/exclude-globs';
import { RULES } from '../rules/index';
import { runRules } from '../rules/run';
import { diagnosticsByFile } from './diagnostics';
import { codeActions, FIX_ALL_KIND } from './code-actions';
import { hover } from './hover';
import { definition } from './definition';
import { completion } from './completion';
import type { WorkspaceModel } from '../model/workspace';
import type { Finding } from '../rules/finding';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings';
import { CHECK_WORKSPACE_REQUEST, STATUS_NOTIFICATION, type CheckWorkspaceResult, type ServerStatus } from './protocol';

const DEBOUNCE_MS = 200;

/** LSP wiring only: every analysis is the Analyzer's and the rules'. */
export class RawsyncServer {
  private readonly documents = new TextDocuments(TextDocument);
  private analyzer?: Analyzer;
  private roots: string[] = [];
  private settings: ServerSettings = DEFAULT_SETTINGS;
  private published = new Set<string>();
  private timers = new Map<string, NodeJS.Timeout>();
  private ready: Promise<void> = Promise.resolve();
  private findings: Finding[] = [];

  constructor(private readonly connection: Connection, private readonly wasmDir: string) {
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      this.ready = this.start();
    });
    connection.onDidChangeConfiguration(() => void this.reloadSettings().then(() => this.publish()));
    this.documents.onDidChangeContent((e) => this.schedule(e.document.uri));
    connection.onCodeAction(async (params) => {
      await this.ready;
      return codeActions(params, this.findings, (line) => this.lineText(params.textDocument.uri, line));
    });
    connection.onHover(async (params) => hover(await this.modelWith(params.textDocument.uri), params.textDocument.uri, params.position));
    connection.onDefinition(async (params) => definition(await this.modelWith(params.textDocument.uri), params.textDocument.uri, params.position));
    connection.onCompletion(async (params) => completion(await this.modelWith(params.textDocument.uri), params.textDocument.uri, params.position));
    connection.onRequest(CHECK_WORKSPACE_REQUEST, () => this.ready.then(() => this.checkWorkspace()));
    this.documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: ['"'] },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'rawsync' },
    };
  }

  private async start(): Promise<void> {
    this.analyzer = await Analyzer.create(this.wasmDir);
    await this.reloadSettings();
    this.sendStatus({ state: 'indexing', filesIndexed: 0 });
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('Rawsync', 0, 'Indexing workspace');
    this.indexWorkspace();
    progress.done();
    this.publish();
  }

  /** Reads the workspace folders from disk; open documents keep their editor text. */
  private indexWorkspace(): void {
    if (!this.analyzer) return;
    const seen = new Set<string>();
    for (const root of this.roots) {
      for (const file of scanWorkspace(root, { maxFileBytes: this.settings.maxFileSizeKb * 1024, exclude: excludeMatcher(this.settings.exclude) })) {
        seen.add(file.uri);
        if (!this.documents.get(file.uri)) this.analyzer.index.update(file.uri, file.text);
      }
    }
    for (const doc of this.documents.all()) {
      seen.add(doc.uri);
      this.analyzer.index.update(doc.uri, doc.getText());
    }
    for (const uri of [...this.analyzer.index.files().keys()]) if (!seen.has(uri)) this.analyzer.index.remove(uri);
  }

  private checkWorkspace(): CheckWorkspaceResult {
    this.indexWorkspace();
    return this.publish();
  }

  private sendStatus(status: ServerStatus): void {
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
        if (!doc || !this.analyzer) return;
        if (this.analyzer.index.update(uri, doc.getText())) this.publish();
      });
    }, DEBOUNCE_MS));
  }

  /** The model with the document's latest text: a request must not wait for the debounce. */
  private async modelWith(uri: string): Promise<WorkspaceModel> {
    await this.ready;
    const doc = this.documents.get(uri);
    if (this.timers.has(uri) && doc && this.analyzer) {
      clearTimeout(this.timers.get(uri));
      this.timers.delete(uri);
      if (this.analyzer.index.update(uri, doc.getText())) this.publish();
    }
    return this.analyzer!.model();
  }

  /** Re-checks the workspace: a change in one file can change findings in another. */
  private publish(): CheckWorkspaceResult {
    if (!this.analyzer) return { filesIndexed: 0, findings: 0, durationMs: 0 };
    const started = performance.now();
    const filesIndexed = this.analyzer.index.files().size;
    this.sendStatus({ state: 'checking', filesIndexed });
    const run = runRules(RULES, this.analyzer.model(), this.analyzer.ruleContext(), { severities: this.settings.rules });
    for (const failure of run.failures) this.connection.console.error(`rule ${failure.rule} failed: ${String((failure.error as Error)?.stack ?? failure.error)}`);
    this.findings = run.findings;
    const byFile = diagnosticsByFile(run.findings, this.published);
    this.published = new Set([...byFile].filter(([, d]) => d.length > 0).map(([uri]) => uri));
    for (const [uri, diagnostics] of byFile) void this.connection.sendDiagnostics({ uri, diagnostics });
    const durationMs = Math.round(performance.now() - started);
    this.sendStatus({ state: 'idle', filesIndexed, findings: run.findings.length, lastCheckMs: durationMs, lastCheckAt: new Date().toISOString() });
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

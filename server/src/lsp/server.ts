import { fileURLToPath } from 'node:url';
import {
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from '../analyzer';
import { scanWorkspace } from '../frontends/workspace-files';
import { RULES } from '../rules/index';
import { runRules } from '../rules/run';
import { diagnosticsByFile } from './diagnostics';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings';

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

  constructor(private readonly connection: Connection, private readonly wasmDir: string) {
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      this.ready = this.start();
    });
    connection.onDidChangeConfiguration(() => void this.reloadSettings().then(() => this.publish()));
    this.documents.onDidChangeContent((e) => this.schedule(e.document.uri));
    this.documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'rawsync' },
    };
  }

  private async start(): Promise<void> {
    this.analyzer = await Analyzer.create(this.wasmDir);
    await this.reloadSettings();
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('Rawsync', 0, 'Indexing workspace');
    for (const root of this.roots) {
      for (const file of scanWorkspace(root, { maxFileBytes: this.settings.maxFileSizeKb * 1024 })) {
        if (!this.documents.get(file.uri)) this.analyzer.index.update(file.uri, file.text);
      }
    }
    for (const doc of this.documents.all()) this.analyzer.index.update(doc.uri, doc.getText());
    progress.done();
    this.publish();
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

  /** Re-checks the workspace: a change in one file can change findings in another. */
  private publish(): void {
    if (!this.analyzer) return;
    const run = runRules(RULES, this.analyzer.model(), this.analyzer.ruleContext(), { severities: this.settings.rules });
    for (const failure of run.failures) this.connection.console.error(`rule ${failure.rule} failed: ${String((failure.error as Error)?.stack ?? failure.error)}`);
    const byFile = diagnosticsByFile(run.findings, this.published);
    this.published = new Set([...byFile].filter(([, d]) => d.length > 0).map(([uri]) => uri));
    for (const [uri, diagnostics] of byFile) void this.connection.sendDiagnostics({ uri, diagnostics });
  }
}

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  PREVIEW_QUERY_REQUEST, PREVIEW_REQUEST,
  type PreviewParams, type PreviewQueryParams, type PreviewQueryResult, type PreviewResponse, type ServerStatus,
} from '../../../server/src/lsp/protocol';
import { panelHtml } from './panel-html';
import type { HostMessage, PanelState, WebviewMessage } from './messages';

export const PREVIEW_VIEW_TYPE = 'rawsync.databasePreview';

/** A burst of edits makes one rebuild, once typing pauses. */
const REFRESH_DELAY_MS = 600;

/**
 * "Rawsync: Database Preview": one panel, drawn by webview/ from the JSON the language server
 * builds (the engine runs there, never in the webview). It rebuilds when the server's model moves
 * on, while it is visible; a hidden panel rebuilds when shown again.
 */
export class DatabasePreviewPanel implements vscode.Disposable {
  private static current: DatabasePreviewPanel | undefined;
  private static readonly built = new vscode.EventEmitter<PreviewResponse>();
  /** Fires each time a panel has drawn a new preview. */
  static readonly onDidBuild = DatabasePreviewPanel.built.event;

  private ready = false;
  private builtVersion = -1;
  private latestVersion = 0;
  private building = false;
  private rebuildAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens the panel (or brings it forward) on the app that `uri` belongs to. */
  static show(context: vscode.ExtensionContext, client: LanguageClient, uri: string | undefined): DatabasePreviewPanel {
    const existing = DatabasePreviewPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, false);
      if (uri !== undefined && uri !== existing.uri) existing.uri = uri;
      existing.refresh();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Rawsync: Database Preview', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [webviewRoot(context)],
      enableFindWidget: true,
    });
    return new DatabasePreviewPanel(panel, context, client, uri);
  }

  /** VS Code restores a panel left open when the window closed: its state names the app. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, client: LanguageClient, state: PanelState | undefined): DatabasePreviewPanel {
    panel.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot(context)] };
    return new DatabasePreviewPanel(panel, context, client, state?.uri);
  }

  /** The server's status carries its model version; a newer one makes the panel stale. */
  static onServerStatus(status: ServerStatus): void {
    if (status.state !== 'idle' || status.modelVersion === undefined) return;
    DatabasePreviewPanel.current?.modelChanged(status.modelVersion);
  }

  /** A restarted server counts its model versions from zero and has no console database yet. */
  static onServerRestarted(): void {
    const panel = DatabasePreviewPanel.current;
    if (!panel) return;
    panel.builtVersion = -1;
    panel.latestVersion = 0;
    if (panel.panel.visible) panel.refresh();
  }

  static get open(): DatabasePreviewPanel | undefined {
    return DatabasePreviewPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private uri: string | undefined,
  ) {
    DatabasePreviewPanel.current?.dispose();
    DatabasePreviewPanel.current = this;
    const webview = panel.webview;
    const root = webviewRoot(context);
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'preview.css')).toString(),
      title: 'Rawsync: Database Preview',
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: WebviewMessage) => void this.receive(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.latestVersion > this.builtVersion) this.refresh();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The last report the panel received, for tests. */
  lastReport: PreviewResponse | undefined;

  refresh(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.ready) return; // the webview asks for the report when its script is ready
    if (this.building) {
      this.rebuildAgain = true;
      return;
    }
    void this.build();
  }

  dispose(): void {
    if (DatabasePreviewPanel.current === this) DatabasePreviewPanel.current = undefined;
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private modelChanged(version: number): void {
    this.latestVersion = Math.max(this.latestVersion, version);
    if (version <= this.builtVersion || !this.panel.visible) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  private async build(): Promise<void> {
    this.building = true;
    void this.post({ type: 'building' });
    try {
      const params: PreviewParams = this.uri === undefined ? {} : { uri: this.uri };
      const response = await this.client.sendRequest<PreviewResponse>(PREVIEW_REQUEST, params);
      this.builtVersion = response.modelVersion;
      this.latestVersion = Math.max(this.latestVersion, response.modelVersion);
      this.uri ??= response.root;
      this.lastReport = response;
      this.panel.title = response.title;
      await this.post({ type: 'report', report: response.report, title: response.title, uri: this.uri, builtAt: new Date().toISOString(), durationMs: response.durationMs });
      DatabasePreviewPanel.built.fire(response);
    } catch (error) {
      await this.post({ type: 'error', message: `The preview could not be built: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      this.building = false;
      if (this.rebuildAgain) {
        this.rebuildAgain = false;
        this.refresh();
      }
    }
  }

  private async receive(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.refresh();
        return;
      case 'refresh':
        this.refresh();
        return;
      case 'query': {
        const params: PreviewQueryParams = { sql: String(message.sql) };
        let result: PreviewQueryResult;
        try {
          result = await this.client.sendRequest<PreviewQueryResult>(PREVIEW_QUERY_REQUEST, params);
        } catch (error) {
          result = { ok: false, results: [], error: error instanceof Error ? error.message : String(error), milliseconds: 0 };
        }
        await this.post({ type: 'queryResult', id: message.id, result });
        return;
      }
      case 'open':
        await this.openSource(message.file, message.line);
        return;
    }
  }

  /** Opens a file the report names; only files inside the previewed app's folder. */
  private async openSource(file: string, line: number): Promise<void> {
    const root = this.lastReport?.root;
    if (!root || typeof file !== 'string' || file.split('/').includes('..')) return;
    const target = vscode.Uri.joinPath(vscode.Uri.parse(root), ...file.split('/'));
    const position = new vscode.Position(Math.max(0, Number(line) || 0), 0);
    await vscode.window.showTextDocument(target, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }
}

function webviewRoot(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
}

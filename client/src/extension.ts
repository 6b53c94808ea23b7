import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CHECK_WORKSPACE_REQUEST, STATUS_NOTIFICATION, type CheckWorkspaceResult, type PreviewResponse, type ServerStatus } from '../../server/src/lsp/protocol';
import { FIX_ALL_COMMAND, fixAllInFile } from './fix-all';
import { RawsyncLanguageStatus } from './language-status';
import languages from './manifest/languages.json';
import { DatabasePreviewPanel, PREVIEW_VIEW_TYPE } from './preview/preview-panel';
import type { PanelState } from './preview/messages';
import { OPEN_RULE_DOC_COMMAND, ruleDocCommandUri, ruleDocPath, ruleIdArgument, ruleIdOfDocUri } from './rule-docs';

/** The files the server reads, from the language registry (written by scripts/write-manifest.mjs). */
const DOCUMENT_SELECTOR: DocumentSelector = languages.documentSelector;

/** What activate() returns; the extension-host tests read it. */
export interface RawsyncApi {
  readonly client: LanguageClient;
  readonly languageStatus: RawsyncLanguageStatus;
  /** The open Database Preview, if any. */
  previewPanel(): DatabasePreviewPanel | undefined;
  /** Fires when the Database Preview has drawn a new preview. */
  readonly onDidBuildPreview: vscode.Event<PreviewResponse>;
}

let client: LanguageClient | undefined;

/** Starts the Rawsync language server; every analysis lives in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<RawsyncApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Rawsync', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'rawsync' },
    outputChannel: output,
    middleware: {
      // The server links each diagnostic to the rule page's file; in VS Code it opens in the preview.
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(withRuleDocCommand)),
    },
  };
  const languageClient = new LanguageClient('rawsync', 'Rawsync', serverOptions, clientOptions);
  client = languageClient;
  const languageStatus = new RawsyncLanguageStatus(DOCUMENT_SELECTOR);

  context.subscriptions.push(
    output,
    languageStatus,
    languageClient.onNotification(STATUS_NOTIFICATION, (status: ServerStatus) => {
      languageStatus.update(status);
      DatabasePreviewPanel.onServerStatus(status);
    }),
    languageClient.onDidChangeState((e) => {
      if (e.newState === State.Starting) languageStatus.starting();
      if (e.oldState === State.Starting && e.newState === State.Running) DatabasePreviewPanel.onServerRestarted();
      if (e.newState === State.Stopped) languageStatus.stopped('The language server stopped; run "Rawsync: Restart Server" to start it again.');
    }),
    vscode.commands.registerCommand('rawsync.restartServer', async () => {
      output.info('Restarting the language server');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand('rawsync.checkWorkspace', () => checkWorkspace(languageClient, output)),
    vscode.commands.registerCommand('rawsync.showOutput', () => output.show(true)),
    vscode.commands.registerCommand(OPEN_RULE_DOC_COMMAND, (id?: unknown) => openRuleDoc(context, id)),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, (target?: unknown) => fixAllInFile(target)),
    vscode.commands.registerCommand('rawsync.previewDatabase', (target?: unknown) => DatabasePreviewPanel.show(context, languageClient, previewTarget(target))),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        DatabasePreviewPanel.revive(panel, context, languageClient, state as PanelState | undefined);
      },
    }),
    { dispose: () => DatabasePreviewPanel.open?.dispose() },
  );

  try {
    await languageClient.start();
  } catch (error) {
    // Keep the commands and the output channel usable: the user needs them to see why.
    output.error(`The language server did not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    languageStatus.stopped('The language server did not start; see the Rawsync output.');
  }
  return { client: languageClient, languageStatus, previewPanel: () => DatabasePreviewPanel.open, onDidBuildPreview: DatabasePreviewPanel.onDidBuild };
}

/** A Rawsync diagnostic whose code links to a rule page: the link runs rawsync.openRuleDoc instead. */
function withRuleDocCommand(diagnostic: vscode.Diagnostic): vscode.Diagnostic {
  const code = diagnostic.code;
  if (diagnostic.source !== 'rawsync' || typeof code !== 'object' || code.target.scheme !== 'file') return diagnostic;
  const id = ruleIdOfDocUri(code.target.path);
  if (id === undefined) return diagnostic;
  diagnostic.code = { value: code.value, target: vscode.Uri.parse(ruleDocCommandUri(id)) };
  return diagnostic;
}

/** Shows the rule's page shipped in the extension (asks which rule when none is given). */
async function openRuleDoc(context: vscode.ExtensionContext, argument: unknown): Promise<void> {
  const folder = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  let id = ruleIdArgument(argument);
  if (id === undefined) {
    const pages = await vscode.workspace.fs.readDirectory(folder).then((entries) => entries.map(([name]) => name), () => []);
    const ids = pages.filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3)).sort();
    // Stays open when the page that ran the command (the walkthrough) takes the focus back.
    id = await vscode.window.showQuickPick(ids, { placeHolder: 'The rule whose page to open', ignoreFocusOut: true });
    if (id === undefined) return;
  }
  const page = vscode.Uri.joinPath(context.extensionUri, ...ruleDocPath(id).split('/'));
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showWarningMessage(`Rawsync: no page for rule '${id}' in this installation (${page.fsPath}).`);
    return;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    // The built-in Markdown extension is disabled: show the page's text.
    await vscode.window.showTextDocument(page, { preview: true });
  }
}

/** The app to preview: the lens's file, an explorer selection, else the active editor's file. */
function previewTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (target instanceof vscode.Uri) return target.toString();
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === 'file' ? active.toString() : undefined;
}

async function checkWorkspace(languageClient: LanguageClient, output: vscode.LogOutputChannel): Promise<CheckWorkspaceResult | undefined> {
  if (!languageClient.isRunning()) {
    void vscode.window.showWarningMessage('Rawsync: the language server is not running; run "Rawsync: Restart Server".');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Rawsync: checking the workspace' },
    () => languageClient.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST),
  );
  const summary = `Rawsync checked ${result.filesIndexed} files in ${result.durationMs} ms: ${result.findings} finding${result.findings === 1 ? '' : 's'}.`;
  output.info(summary);
  vscode.window.setStatusBarMessage(summary, 5000);
  return result;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts the Rawsync language server; every analysis lives in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Rawsync', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'kotlin' },
      { scheme: 'file', pattern: '**/*.sql' },
      { scheme: 'file', pattern: '**/*.versions.toml' },
      { scheme: 'file', pattern: '**/build.gradle' },
    ],
    synchronize: { configurationSection: 'rawsync' },
    outputChannel: output,
  };
  client = new LanguageClient('rawsync', 'Rawsync', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('rawsync.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('rawsync.showOutput', () => output.show()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

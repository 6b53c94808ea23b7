import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { RawsyncServer } from './server';

/**
 * Starts the language server, on the transport the command line names as vscode-languageserver
 * reads it (`--stdio`, `--node-ipc`, `--socket=`): `rawsync lsp --stdio`, or dist/server.js as the
 * VS Code extension starts it. `wasmDir`: the folder holding the wasm files (beside the bundle).
 */
export function startLanguageServer(wasmDir: string): void {
  const connection = createConnection(ProposedFeatures.all);
  new RawsyncServer(connection, wasmDir);
  connection.listen();
}

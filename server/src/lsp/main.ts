import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { RawsyncServer } from './server';

// The wasm files sit beside the bundle (esbuild.mjs copies them into dist/).
const connection = createConnection(ProposedFeatures.all);
new RawsyncServer(connection, __dirname);
connection.listen();

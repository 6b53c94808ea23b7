import { startLanguageServer } from './start';

// The wasm files sit beside the bundle (esbuild.mjs copies them into dist/).
startLanguageServer(__dirname);

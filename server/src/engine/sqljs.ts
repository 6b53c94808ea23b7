import initSqlJs, { type SqlJsStatic } from '@powersync/sql-js/dist/sql-wasm.js';

/**
 * Where the engine's `sql-wasm.wasm` comes from: the folder holding it (esbuild.mjs copies it into
 * dist/), or the binary itself (a webview that fetched it).
 */
export type EngineWasm = string | { wasmBinary: ArrayBuffer | Uint8Array };

/** SQLite compiled to WebAssembly with the PowerSync core linked in, loaded once per process. */
export interface Engine {
  readonly sqlite: SqlJsStatic;
  /** How long loading took, for status displays. */
  readonly loadMilliseconds: number;
}

let loading: Promise<Engine> | undefined;

/**
 * Loads sql.js with the PowerSync core. sql.js keeps one module per process, so later calls
 * return the first engine whatever they pass.
 */
export function loadEngine(wasm: EngineWasm): Promise<Engine> {
  loading ??= (async () => {
    const started = performance.now();
    const sqlite = await initSqlJs(typeof wasm === 'string'
      ? { locateFile: (file) => joinLocation(wasm, file) }
      : {
          instantiateWasm: (imports, done) => {
            void WebAssembly.instantiate(wasm.wasmBinary as BufferSource, imports).then((result) => done(result.instance));
          },
        });
    return { sqlite, loadMilliseconds: performance.now() - started };
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

// A plain join keeps this file free of node:path, so the same code runs in the preview webview.
function joinLocation(dir: string, file: string): string {
  return dir.length === 0 ? file : `${dir.replace(/[\\/]+$/, '')}/${file}`;
}

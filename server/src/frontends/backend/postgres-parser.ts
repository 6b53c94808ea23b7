import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What libpg-query's emscripten module exposes (wasm/libpg-query.js), the part used here. */
interface PgQueryModule {
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, ptr: number, max: number): void;
  UTF8ToString(ptr: number): string;
  getValue(ptr: number, type: 'i32'): number;
  _malloc(size: number): number;
  _free(ptr: number): void;
  _wasm_parse_query_raw(ptr: number): number;
  _wasm_free_parse_result(ptr: number): void;
}

/** A parse tree as libpg-query prints it (Postgres's own parse nodes as JSON). */
export interface PgParseResult {
  stmts?: { stmt: Record<string, unknown>; stmt_location?: number; stmt_len?: number }[];
}

export class PgSyntaxError extends Error {
  /** Where Postgres's parser stopped, in bytes from the start of the text. */
  constructor(message: string, readonly byteOffset: number) {
    super(message);
  }
}

/** Postgres's own parser (libpg-query, the server's grammar compiled to wasm), loaded from `wasmDir`. */
export class PostgresParser {
  private constructor(private readonly module: PgQueryModule) {}

  /**
   * Loads the parser synchronously (the wasm compiled and instantiated at once, which Node allows
   * at any size), so that it loads only when the first migration is read: apps without one never
   * pay for it.
   */
  static loadSync(wasmDir: string): PostgresParser {
    // The emscripten factory itself: the package's index starts loading from its own folder on import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const factory = require('libpg-query/wasm/libpg-query.js') as (options: object) => Promise<PgQueryModule>;
    const bytes = readFileSync(path.join(wasmDir, 'libpg-query.wasm'));
    // With `instantiateWasm` answering at once, the factory fills in the options object before it returns.
    const options = {
      instantiateWasm(imports: WebAssembly.Imports, ready: (instance: WebAssembly.Instance) => void) {
        const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
        ready(instance);
        return instance.exports;
      },
    };
    factory(options).catch(() => undefined);
    const module = options as unknown as PgQueryModule;
    if (typeof module._wasm_parse_query_raw !== 'function' || typeof module._malloc !== 'function') throw new Error('the Postgres parser did not start');
    return new PostgresParser(module);
  }

  /** The statements of `sql`; throws PgSyntaxError where Postgres would reject it. */
  parse(sql: string): PgParseResult {
    const m = this.module;
    const length = m.lengthBytesUTF8(sql) + 1;
    const queryPtr = m._malloc(length);
    let resultPtr = 0;
    try {
      m.stringToUTF8(sql, queryPtr, length);
      resultPtr = m._wasm_parse_query_raw(queryPtr);
      if (!resultPtr) throw new Error('the Postgres parser ran out of memory');
      const treePtr = m.getValue(resultPtr, 'i32');
      const errorPtr = m.getValue(resultPtr + 8, 'i32');
      if (errorPtr) {
        const messagePtr = m.getValue(errorPtr, 'i32');
        const cursor = m.getValue(errorPtr + 16, 'i32');
        throw new PgSyntaxError(messagePtr ? m.UTF8ToString(messagePtr) : 'syntax error', cursor > 0 ? cursor - 1 : 0);
      }
      if (!treePtr) return { stmts: [] };
      return JSON.parse(m.UTF8ToString(treePtr)) as PgParseResult;
    } finally {
      m._free(queryPtr);
      if (resultPtr) m._wasm_free_parse_result(resultPtr);
    }
  }
}

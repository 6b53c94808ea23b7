import { Parser, type Node, type Tree } from 'web-tree-sitter';
import path from 'node:path';
import type { SourceLocation } from '../model/location';

export type { Node, Tree };

let starting: Promise<void> | undefined;

/**
 * Starts web-tree-sitter once for every plugin that parses with a tree-sitter grammar. `wasmDir`
 * holds `web-tree-sitter.wasm` beside the grammars (esbuild.mjs copies them next to the bundles).
 */
export function startTreeSitter(wasmDir: string): Promise<void> {
  starting ??= Parser.init({ locateFile: (name: string) => path.join(wasmDir, name) });
  return starting;
}

/** web-tree-sitter parses UTF-16 text, so its columns are already LSP characters. */
export function locationOf(uri: string, node: Node): SourceLocation {
  return {
    uri,
    range: {
      start: { line: node.startPosition.row, character: node.startPosition.column },
      end: { line: node.endPosition.row, character: node.endPosition.column },
    },
  };
}

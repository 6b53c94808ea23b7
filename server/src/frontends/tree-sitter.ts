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

/**
 * Parses `text` with `parser`; the caller must `delete()` the tree. Undefined when the parse is
 * still running at `deadline` (a `performance.now()` time): the parser is reset so the next parse
 * starts afresh, and a huge or pathological file never holds up the rest.
 */
export function parseWithin(parser: Parser, text: string, deadline: number): Tree | undefined {
  const tree = parser.parse(text, null, {
    // web-tree-sitter stops the parse when this returns true (its typings say void).
    progressCallback: (() => performance.now() > deadline) as () => void,
  });
  if (!tree) {
    parser.reset();
    return undefined;
  }
  return tree;
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

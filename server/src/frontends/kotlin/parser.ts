import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import path from 'node:path';
import type { SourceLocation } from '../../model/location';

export type { Node, Tree };

let loading: Promise<Language> | undefined;

/**
 * Loads web-tree-sitter and the Kotlin grammar once. `wasmDir` holds `web-tree-sitter.wasm` and
 * `tree-sitter-kotlin.wasm` (esbuild.mjs copies both beside the bundles).
 */
export function loadKotlin(wasmDir: string): Promise<Language> {
  loading ??= (async () => {
    await Parser.init({ locateFile: (name: string) => path.join(wasmDir, name) });
    return Language.load(path.join(wasmDir, 'tree-sitter-kotlin.wasm'));
  })();
  return loading;
}

/** A parser for Kotlin; call `loadKotlin` first. */
export class KotlinParser {
  private readonly parser: Parser;

  private constructor(language: Language) {
    this.parser = new Parser();
    this.parser.setLanguage(language);
  }

  static async create(wasmDir: string): Promise<KotlinParser> {
    return new KotlinParser(await loadKotlin(wasmDir));
  }

  /** Parses text; the caller must `delete()` the tree (wasm memory is not garbage-collected). */
  parse(text: string): Tree {
    const tree = this.parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }
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

import { Language, Parser, type Tree } from 'web-tree-sitter';
import path from 'node:path';
import { startTreeSitter } from '../tree-sitter';

export { locationOf, type Node, type Tree } from '../tree-sitter';

/** The Dart grammar (tree-sitter-dart, built for ABI 15), copied beside the bundles by esbuild.mjs. */
const GRAMMAR_FILE = 'tree-sitter-dart.wasm';

let loading: Promise<Language> | undefined;

/** Loads the Dart grammar once. */
export function loadDart(wasmDir: string): Promise<Language> {
  loading ??= (async () => {
    await startTreeSitter(wasmDir);
    return Language.load(path.join(wasmDir, GRAMMAR_FILE));
  })();
  return loading;
}

/** A parser for Dart. */
export class DartParser {
  private constructor(private readonly parser: Parser) {}

  static async create(wasmDir: string): Promise<DartParser> {
    const language = await loadDart(wasmDir);
    const parser = new Parser();
    parser.setLanguage(language);
    return new DartParser(parser);
  }

  /**
   * Parses text; the caller must `delete()` the tree. Returns undefined when the parse is still
   * running at `deadline` (a `performance.now()` time), so a huge or pathological file never holds
   * up the rest.
   */
  parse(text: string, deadline = Infinity): Tree | undefined {
    const tree = this.parser.parse(text, null, {
      // web-tree-sitter stops the parse when this returns true (its typings say void).
      progressCallback: (() => performance.now() > deadline) as () => void,
    });
    if (!tree) {
      this.parser.reset();
      return undefined;
    }
    return tree;
  }
}

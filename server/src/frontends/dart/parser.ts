import { Language, Parser, type Tree } from 'web-tree-sitter';
import path from 'node:path';
import { parseWithin, startTreeSitter } from '../tree-sitter';

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

  /** Parses text (see parseWithin); the caller must `delete()` the tree. */
  parse(text: string, deadline = Infinity): Tree | undefined {
    return parseWithin(this.parser, text, deadline);
  }
}

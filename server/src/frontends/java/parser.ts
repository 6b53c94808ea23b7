import { Language, Parser, type Tree } from 'web-tree-sitter';
import path from 'node:path';
import { parseWithin, startTreeSitter } from '../tree-sitter';

let loading: Promise<Language> | undefined;

/**
 * Loads the Java grammar once. `wasmDir` holds `tree-sitter-java.wasm` beside web-tree-sitter's
 * own wasm (esbuild.mjs copies them); web-tree-sitter is started once for all grammars.
 */
export function loadJava(wasmDir: string): Promise<Language> {
  loading ??= (async () => {
    await startTreeSitter(wasmDir);
    return Language.load(path.join(wasmDir, 'tree-sitter-java.wasm'));
  })();
  return loading;
}

/** A parser for Java source files. */
export class JavaParser {
  private readonly parser: Parser;

  private constructor(language: Language) {
    this.parser = new Parser();
    this.parser.setLanguage(language);
  }

  static async create(wasmDir: string): Promise<JavaParser> {
    return new JavaParser(await loadJava(wasmDir));
  }

  /** Parses text; the caller must `delete()` the tree. Undefined when the parse runs past `deadline`. */
  parse(text: string, deadline = Infinity): Tree | undefined {
    return parseWithin(this.parser, text, deadline);
  }
}

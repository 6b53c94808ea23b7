import { Language, Parser, type Tree } from 'web-tree-sitter';
import path from 'node:path';
import { startTreeSitter } from '../tree-sitter';

export { locationOf, type Node, type Tree } from '../tree-sitter';

let loading: Promise<Language> | undefined;

/**
 * Loads web-tree-sitter and the Kotlin grammar once. `wasmDir` holds `web-tree-sitter.wasm` and
 * `tree-sitter-kotlin.wasm` (esbuild.mjs copies both beside the bundles).
 */
export function loadKotlin(wasmDir: string): Promise<Language> {
  loading ??= (async () => {
    await startTreeSitter(wasmDir);
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

  /**
   * Parses text; the caller must `delete()` the tree (wasm memory is not garbage-collected).
   * Returns undefined when the parse is still running at `deadline` (a `performance.now()` time):
   * the grammar's time grows faster than a file's size, and a keystroke must not wait on it.
   */
  parse(text: string, deadline = Infinity): Tree | undefined {
    const tree = this.parser.parse(terminated(text), null, {
      // web-tree-sitter stops the parse when this returns true (its typings say void).
      progressCallback: (() => performance.now() > deadline) as () => void,
    });
    if (!tree) {
      this.parser.reset(); // the next parse starts afresh instead of resuming this one
      return undefined;
    }
    return tree;
  }
}

/**
 * The text with a line break after it. The grammar's external scanner (scanner.c of
 * @tree-sitter-grammars/tree-sitter-kotlin 1.1.0, the `'@'` case) skips characters until it sees
 * white space, without checking for the end of input: on a file that ends in `@`, `@Entity(` or
 * any annotation without white space after it, it never returns, and no progress callback runs.
 * A final line break ends every such loop; it adds no token, and every position before it stays.
 */
export function terminated(text: string): string {
  return text.endsWith('\n') ? text : text + '\n';
}

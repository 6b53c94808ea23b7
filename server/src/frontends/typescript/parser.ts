import { Language, Parser, type Tree } from 'web-tree-sitter';
import path from 'node:path';
import { parseWithin, startTreeSitter } from '../tree-sitter';

export { locationOf, type Node, type Tree } from '../tree-sitter';

/** Which of tree-sitter-typescript's two grammars reads a file. */
export type TypeScriptDialect = 'typescript' | 'tsx';

const GRAMMAR_FILES: Record<TypeScriptDialect, string> = {
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
};

/**
 * The grammar a file is parsed with, by its extension. The `tsx` grammar reads JSX, so `.tsx`,
 * `.jsx` and `.js` (React code is often written in `.js`) use it; `.ts`, `.mts`, `.cts` need the
 * plain grammar, where `<T>x` is a type assertion, not an element. `.mjs`/`.cjs` are modules and
 * scripts that hold no JSX in practice, and the plain grammar reads JavaScript as TypeScript.
 */
export function dialectOf(filePath: string): TypeScriptDialect {
  return /\.(?:tsx|jsx|js)$/i.test(filePath) ? 'tsx' : 'typescript';
}

const loading = new Map<TypeScriptDialect, Promise<Language>>();

/**
 * Loads one of the two grammars once. `wasmDir` holds `tree-sitter-typescript.wasm` and
 * `tree-sitter-tsx.wasm` beside web-tree-sitter's own wasm (esbuild.mjs copies them).
 */
export function loadTypeScript(wasmDir: string, dialect: TypeScriptDialect): Promise<Language> {
  let found = loading.get(dialect);
  if (!found) {
    found = (async () => {
      await startTreeSitter(wasmDir);
      return Language.load(path.join(wasmDir, GRAMMAR_FILES[dialect]));
    })();
    loading.set(dialect, found);
  }
  return found;
}

/** A parser for TypeScript and JavaScript, one tree-sitter parser per grammar. */
export class TypeScriptParser {
  private constructor(private readonly parsers: Record<TypeScriptDialect, Parser>) {}

  static async create(wasmDir: string): Promise<TypeScriptParser> {
    const [typescript, tsx] = await Promise.all([loadTypeScript(wasmDir, 'typescript'), loadTypeScript(wasmDir, 'tsx')]);
    const parserOf = (language: Language) => {
      const parser = new Parser();
      parser.setLanguage(language);
      return parser;
    };
    return new TypeScriptParser({ typescript: parserOf(typescript), tsx: parserOf(tsx) });
  }

  /**
   * Parses text with the grammar of `dialect`; the caller must `delete()` the tree. Returns
   * undefined when the parse is still running at `deadline` (a `performance.now()` time), so a
   * huge or pathological file never holds up the rest.
   */
  parse(text: string, dialect: TypeScriptDialect, deadline = Infinity): Tree | undefined {
    return parseWithin(this.parsers[dialect], text, deadline);
  }
}

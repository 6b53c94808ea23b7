import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { startTreeSitter } from '../../../server/src/frontends/tree-sitter';
import type { CoreDatabase } from '../../../server/src/engine/database';
import { repoRoot, wasmDir } from '../../support/paths';

export interface SnippetDefinition {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

/** One of the files under snippets/, by name. */
export function readSnippets(file: string): Record<string, SnippetDefinition> {
  return JSON.parse(readFileSync(path.join(repoRoot(), 'snippets', file), 'utf8'));
}

/**
 * Grammars the language server does not ship, used by tests only: tree-sitter's JavaScript (to
 * check that the TypeScript snippets hold no TypeScript-only syntax) and Dart, both from
 * @repomix/tree-sitter-wasms, which load in our web-tree-sitter.
 */
export type TestGrammar = 'javascript' | 'dart';

const languages = new Map<TestGrammar, Promise<Language>>();

function testLanguage(grammar: TestGrammar): Promise<Language> {
  let loading = languages.get(grammar);
  if (!loading) {
    loading = (async () => {
      await startTreeSitter(wasmDir());
      const pkg = createRequire(path.join(repoRoot(), 'package.json')).resolve('@repomix/tree-sitter-wasms/package.json');
      return Language.load(path.join(path.dirname(pkg), 'out', `tree-sitter-${grammar}.wasm`));
    })();
    languages.set(grammar, loading);
  }
  return loading;
}

/** The parse tree of `text`, handed to `use` and deleted after. */
export async function withTree<T>(grammar: TestGrammar, text: string, use: (root: Node) => T): Promise<T> {
  const language = await testLanguage(grammar); // starts web-tree-sitter before a Parser is made
  const parser = new Parser();
  try {
    parser.setLanguage(language);
    const tree = parser.parse(text);
    if (!tree) throw new Error('no tree');
    try {
      return use(tree.rootNode);
    } finally {
      tree.delete();
    }
  } finally {
    parser.delete();
  }
}

/** Each ERROR or MISSING node of the parse, as `line:column text` (1-based lines). */
export function parseErrors(grammar: TestGrammar, text: string): Promise<string[]> {
  return withTree(grammar, text, (root) => {
    const errors: string[] = [];
    const visit = (node: Node) => {
      if (node.isError || node.isMissing) errors.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1} ${node.isMissing ? `missing ${node.type}` : JSON.stringify(node.text.slice(0, 40))}`);
      else if (node.hasError) for (const child of node.children) if (child) visit(child);
    };
    visit(root);
    return errors;
  });
}

/** The rows PowerSync would upload, oldest first. */
export function crudEntries(db: CoreDatabase): unknown[] {
  return db.query('select data from ps_crud order by id').map((row) => JSON.parse(String(row.data)));
}

import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import { collectSyntaxErrors, readDisableComments } from '../syntax-tree-facts';
import { ExpressionReader } from './expressions';
import { readDeclarations, type DartFileContext } from './declarations';
import { readCalls } from './calls';
import type { DartParser } from './parser';

/** How long the parse of one Dart file may take before it is given up. */
export const DEFAULT_DART_PARSE_BUDGET_MS = 2_000;

/** The language id of Dart files. */
export const DART_LANGUAGE = 'dart';

/** tree-sitter-dart's comment node types. */
const COMMENT_TYPES: readonly string[] = ['comment', 'documentation_comment'];

/**
 * Parses one Dart file and returns its facts: library id, imports and exports, top-level and
 * static constants, functions, classes (with getters, for Drift tables), `RawTable(…)` and
 * `Schema(…)` declarations, `PowerSyncDatabase(…)`, the SQL run through `execute` and Drift's
 * `customStatement`, disable comments and syntax errors. The grammar mends errors in place; a
 * parse over its time budget leaves the file unread, with the reason.
 */
export function extractDartFacts(
  parser: DartParser, uri: string, filePath: string, text: string, platform: Platform, sourceSet?: string, budgetMs = DEFAULT_DART_PARSE_BUDGET_MS,
): FileFacts {
  const facts = emptyFacts(uri, DART_LANGUAGE, platform);
  facts.sourceSet = sourceSet;
  const tree = parser.parse(text, performance.now() + budgetMs);
  if (!tree) {
    facts.unread = { reason: `parsing it took longer than ${budgetMs} ms`, from: { line: 0, character: 0 } };
    return facts;
  }
  try {
    const ctx: DartFileContext = { uri, filePath, text, facts, expressions: new ExpressionReader(uri) };
    const root = tree.rootNode;
    collectSyntaxErrors(root, uri, facts);
    readDeclarations(root, ctx);
    readCalls(root, ctx);
    readDisableComments(root, uri, text, facts, COMMENT_TYPES);
  } finally {
    tree.delete();
  }
  facts.disableComments.sort((a, b) => a.line - b.line);
  facts.end = endOf(text);
  if (text.endsWith('\n')) facts.finalLineBreak = endOf(text.slice(0, -1));
  return facts;
}

/** The position just past the last character of `text`, in LSP terms. */
function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

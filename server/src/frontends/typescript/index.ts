import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import { collectSyntaxErrors, readDisableComments } from '../syntax-tree-facts';
import { ExpressionReader } from './expressions';
import { readDeclarations, type TypeScriptFileContext } from './declarations';
import { readCalls } from './calls';
import { dialectOf, type TypeScriptParser } from './parser';

/** How long the parse of one TypeScript or JavaScript file may take before it is given up. */
export const DEFAULT_TYPESCRIPT_PARSE_BUDGET_MS = 2_000;

/** The language id of every file the plugin reads (`.ts`, `.tsx`, `.js`, …): one reader, one writer. */
export const TYPESCRIPT_LANGUAGE = 'typescript';

/**
 * Parses one TypeScript or JavaScript file and returns its facts: module id, imports, top-level
 * constants and functions, `withRawTables` maps, `new Schema(…)`, SQL run through the SDK's
 * calls, disable comments and syntax errors. The grammar recovers from a syntax error locally, so
 * a broken file yields the facts of what is intact around it (its errors are listed); a parse
 * over its time budget leaves the file unread, with the reason.
 */
export function extractTypeScriptFacts(
  parser: TypeScriptParser, uri: string, filePath: string, text: string, platform: Platform, sourceSet?: string, budgetMs = DEFAULT_TYPESCRIPT_PARSE_BUDGET_MS,
): FileFacts {
  const facts = emptyFacts(uri, TYPESCRIPT_LANGUAGE, platform);
  facts.sourceSet = sourceSet;
  const tree = parser.parse(text, dialectOf(filePath), performance.now() + budgetMs);
  if (!tree) {
    facts.unread = { reason: `parsing it took longer than ${budgetMs} ms`, from: { line: 0, character: 0 } };
    return facts;
  }
  try {
    const ctx: TypeScriptFileContext = { uri, filePath, text, facts, expressions: new ExpressionReader(uri) };
    const root = tree.rootNode;
    collectSyntaxErrors(root, uri, facts);
    readDeclarations(root, ctx);
    readCalls(root, ctx);
    readDisableComments(root, uri, text, facts, COMMENT_TYPES);
  } finally {
    tree.delete();
  }
  facts.end = endOf(text);
  if (text.endsWith('\n')) facts.finalLineBreak = endOf(text.slice(0, -1));
  return facts;
}

/** tree-sitter-typescript names line and block comments alike: `comment`. */
const COMMENT_TYPES: readonly string[] = ['comment'];

/** The position just past the last character of `text`, in LSP terms. */
function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import { collectSyntaxErrors, readDisableComments } from '../syntax-tree-facts';
import { ExpressionReader } from './expressions';
import { readDeclarations, type TypeScriptFileContext } from './declarations';
import { readCalls } from './calls';
import { maskBefore, mergeFrom, nextRestartLine } from './error-recovery';
import { dialectOf, type TypeScriptParser } from './parser';

/** How long the parses of one TypeScript or JavaScript file may take in all before the rest is given up. */
export const DEFAULT_TYPESCRIPT_PARSE_BUDGET_MS = 2_000;

/** The language id of every file the plugin reads (`.ts`, `.tsx`, `.js`, …): one reader, one writer. */
export const TYPESCRIPT_LANGUAGE = 'typescript';

/** How many times a broken file is re-read past an error before the rest is given up. */
const MAX_RECOVERIES = 32;
/** Re-reading stops once this many characters were parsed again, so a huge broken file stays fast. */
const RECOVERY_BUDGET_CHARS = 2_000_000;

/** tree-sitter-typescript names line and block comments alike: `comment`. */
const COMMENT_TYPES: readonly string[] = ['comment'];

/**
 * Parses one TypeScript or JavaScript file and returns its facts: module id, imports, top-level
 * constants and functions, `withRawTables` maps, `new Schema(…)`, SQL run through the SDK's
 * calls, disable comments and syntax errors. A file with syntax errors yields what is intact: the
 * grammar mends most errors in place, but an error at the top level (an unclosed `(` or `{`) may
 * swallow the statements after it, so the file is read again from the next line that starts a
 * top-level statement, the text before it blanked (positions stay true), and the facts from there
 * on are taken from that reading. A parse over its time budget leaves the file (or the rest of
 * it) unread, with the reason.
 */
export function extractTypeScriptFacts(
  parser: TypeScriptParser, uri: string, filePath: string, text: string, platform: Platform, sourceSet?: string, budgetMs = DEFAULT_TYPESCRIPT_PARSE_BUDGET_MS,
): FileFacts {
  const deadline = performance.now() + budgetMs;
  const first = readFacts(parser, uri, filePath, text, text, platform, deadline);
  if (!first) {
    const facts = emptyFacts(uri, TYPESCRIPT_LANGUAGE, platform);
    facts.sourceSet = sourceSet;
    facts.unread = { reason: `parsing it took longer than ${budgetMs} ms`, from: { line: 0, character: 0 } };
    return facts;
  }
  const { facts } = first;
  let errorLine = first.topLevelErrorLine;
  for (let i = 0, spent = 0; errorLine !== undefined && i < MAX_RECOVERIES && spent + text.length <= RECOVERY_BUDGET_CHARS; i++, spent += text.length) {
    const restart = nextRestartLine(text, errorLine);
    if (restart === undefined) break;
    const tail = readFacts(parser, uri, filePath, maskBefore(text, restart), text, platform, deadline, restart);
    if (!tail) {
      // What follows the syntax error stays unread rather than read wrongly.
      facts.unread = { reason: `reading past the syntax error on line ${errorLine + 1} took longer than ${budgetMs} ms`, from: { line: restart, character: 0 } };
      break;
    }
    mergeFrom(facts, tail.facts, restart);
    errorLine = tail.topLevelErrorLine;
  }
  facts.sourceSet = sourceSet;
  facts.disableComments.sort((a, b) => a.line - b.line);
  facts.syntaxErrors.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  facts.end = endOf(text);
  if (text.endsWith('\n')) facts.finalLineBreak = endOf(text.slice(0, -1));
  return facts;
}

/** The facts of one parse, and the line of its first top-level error on or after `fromLine`. */
function readFacts(
  parser: TypeScriptParser, uri: string, filePath: string, parsed: string, original: string, platform: Platform, deadline: number, fromLine = 0,
): { facts: FileFacts; topLevelErrorLine?: number } | undefined {
  const facts = emptyFacts(uri, TYPESCRIPT_LANGUAGE, platform);
  // Present from the start, so a re-read past a syntax error merges its calls in (mergeFrom).
  facts.diffTriggers = [];
  facts.jsConnects = [];
  facts.clientImplementations = [];
  const tree = parser.parse(parsed, dialectOf(filePath), deadline);
  if (!tree) return undefined;
  let topLevelErrorLine: number | undefined;
  try {
    const ctx: TypeScriptFileContext = { uri, filePath, text: original, facts, expressions: new ExpressionReader(uri) };
    const root = tree.rootNode;
    collectSyntaxErrors(root, uri, facts);
    readDeclarations(root, ctx);
    readCalls(root, ctx);
    readDisableComments(root, uri, original, facts, COMMENT_TYPES);
    if (root.hasError) {
      for (const child of root.children) {
        if (child && child.type === 'ERROR' && child.startPosition.row >= fromLine) {
          topLevelErrorLine = child.startPosition.row;
          break;
        }
      }
    }
  } finally {
    tree.delete();
  }
  return { facts, topLevelErrorLine };
}

/** The position just past the last character of `text`, in LSP terms. */
function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

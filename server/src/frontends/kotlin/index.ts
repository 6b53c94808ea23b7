import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import { ExpressionReader } from './expressions';
import { KotlinParser } from './parser';
import { readDeclarations } from './declarations';
import { readCalls } from './calls';
import { collectSyntaxErrors, readDisableComments } from '../syntax-tree-facts';
import { nextRestartLine, maskBefore } from './error-recovery';

/** What the Kotlin readers share while walking one file. */
export interface KotlinFileContext {
  uri: string;
  text: string;
  facts: FileFacts;
  expressions: ExpressionReader;
}

/** How many times a broken file is re-read past an error before the rest is given up. */
const MAX_RECOVERIES = 32;
/** Re-reading stops once this many characters were parsed again, so a huge broken file stays fast. */
const RECOVERY_BUDGET_CHARS = 2_000_000;
/** How long the parses of one file may take in all before the rest of it is given up. */
export const DEFAULT_PARSE_BUDGET_MS = 2_000;

/**
 * Parses one Kotlin file and returns its facts; a file with syntax errors yields what is intact.
 * The grammar often swallows everything after a top-level error, so the file is read again from
 * the next top-level declaration after each such error, with the text before it blanked out (so
 * positions stay true), and the facts from there on are taken from that reading.
 */
export function extractKotlinFacts(
  parser: KotlinParser, uri: string, text: string, platform: Platform, sourceSet?: string, budgetMs = DEFAULT_PARSE_BUDGET_MS,
): FileFacts {
  const deadline = performance.now() + budgetMs;
  const facts = readFacts(parser, uri, text, text, platform, deadline);
  if (!facts) {
    const unreadFacts = emptyFacts(uri, 'kotlin', platform);
    unreadFacts.unread = { reason: `parsing it took longer than ${budgetMs} ms`, from: { line: 0, character: 0 } };
    unreadFacts.sourceSet = sourceSet;
    return unreadFacts;
  }
  let from = 0;
  for (let i = 0, spent = 0; i < MAX_RECOVERIES && spent + text.length <= RECOVERY_BUDGET_CHARS; i++, spent += text.length) {
    const errorLine = firstTopLevelErrorLine(facts, from);
    if (errorLine === undefined) break;
    const restart = nextRestartLine(text, errorLine);
    if (restart === undefined) break;
    const tail = readFacts(parser, uri, maskBefore(text, restart), text, platform, deadline);
    if (!tail) {
      // What follows the syntax error stays unread rather than read wrongly.
      facts.unread = { reason: `reading past the syntax error on line ${errorLine + 1} took longer than ${budgetMs} ms`, from: { line: restart, character: 0 } };
      break;
    }
    mergeFrom(facts, tail, restart);
    from = restart;
  }
  facts.sourceSet = sourceSet;
  facts.end = endOf(text);
  if (text.endsWith('\n')) facts.finalLineBreak = endOf(text.slice(0, -1));
  return facts;
}

function readFacts(parser: KotlinParser, uri: string, parsed: string, original: string, platform: Platform, deadline: number): FileFacts | undefined {
  const facts = emptyFacts(uri, 'kotlin', platform);
  const tree = parser.parse(parsed, deadline);
  if (!tree) return undefined;
  try {
    const ctx: KotlinFileContext = { uri, text: original, facts, expressions: new ExpressionReader(uri) };
    const root = tree.rootNode;
    collectSyntaxErrors(root, uri, facts);
    readDeclarations(root, ctx);
    readCalls(root, ctx);
    readDisableComments(root, uri, original, facts);
  } finally {
    tree.delete();
  }
  return facts;
}

/** The start line of the first syntax error on or after `fromLine`. */
function firstTopLevelErrorLine(facts: FileFacts, fromLine: number): number | undefined {
  const lines = facts.syntaxErrors.map((e) => e.range.start.line).filter((l) => l >= fromLine);
  return lines.length > 0 ? Math.min(...lines) : undefined;
}

/** Replaces every fact that starts on or after `line` with the ones of the re-read tail. */
function mergeFrom(facts: FileFacts, tail: FileFacts, line: number): void {
  const record = facts as unknown as Record<string, unknown>;
  const tailRecord = tail as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (!Array.isArray(value) || key === 'imports') continue;
    const startLine = (item: unknown) => startLineOf(item);
    const kept = value.filter((item) => startLine(item) < line);
    const added = (tailRecord[key] as unknown[]).filter((item) => startLine(item) >= line);
    record[key] = [...kept, ...added];
  }
  if (!facts.packageName) facts.packageName = tail.packageName;
  if (!facts.packageLoc) facts.packageLoc = tail.packageLoc;
}

function startLineOf(item: unknown): number {
  const withLoc = item as { loc?: { range: { start: { line: number } } }; range?: { start: { line: number } } };
  return withLoc.loc?.range.start.line ?? withLoc.range?.start.line ?? -1;
}

/** The position just past the last character of `text`, in LSP terms. */
function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

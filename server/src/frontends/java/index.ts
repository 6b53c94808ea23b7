import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import { collectSyntaxErrors, readDisableComments } from '../syntax-tree-facts';
import { JavaExpressionReader } from './expressions';
import { readDeclarations, type JavaFileContext } from './declarations';
import type { JavaParser } from './parser';

/** How long the parse of one Java file may take before it is given up. */
export const DEFAULT_JAVA_PARSE_BUDGET_MS = 2_000;

/**
 * Parses one Java file and returns its declarations (package, imports, classes with fields,
 * annotations and methods, static final constants, Room type converters) and its disable
 * comments. Calls (SQL, builders, PowerSync) are not read from Java. A file with syntax errors
 * yields the declarations the parser kept whole; its errors are listed.
 */
export function extractJavaFacts(parser: JavaParser, uri: string, text: string, platform: Platform, sourceSet?: string, budgetMs = DEFAULT_JAVA_PARSE_BUDGET_MS): FileFacts {
  const facts = emptyFacts(uri, 'java', platform);
  facts.sourceSet = sourceSet;
  const tree = parser.parse(text, performance.now() + budgetMs);
  if (!tree) {
    facts.unread = { reason: `parsing it took longer than ${budgetMs} ms`, from: { line: 0, character: 0 } };
    return facts;
  }
  try {
    const ctx: JavaFileContext = { uri, facts, expressions: new JavaExpressionReader(uri) };
    collectSyntaxErrors(tree.rootNode, ctx.uri, ctx.facts);
    readDeclarations(tree.rootNode, ctx);
    // A syntax error at the top level (a declaration being typed) swallows the classes in it:
    // what the file declares from there on is unknown, not absent.
    const broken = tree.rootNode.namedChildren.find((c) => c?.type === 'ERROR');
    if (broken) {
      facts.unread = {
        reason: `the syntax error on line ${broken.startPosition.row + 1} hides the declarations after it`,
        from: { line: broken.startPosition.row, character: 0 },
      };
    }
    readDisableComments(tree.rootNode, ctx.uri, text, ctx.facts);
  } finally {
    tree.delete();
  }
  const lines = text.split('\n');
  facts.end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  // Calls are not read from Java: a file that takes part in PowerSync's setup (raw tables, CRUD
  // triggers, the database) may do what the rules look for, so it counts as not read from there on.
  // The file's own package name is no call (`package com.powersync.example;` in an app shell).
  const mention = POWERSYNC_WORDS.exec(text.replace(PACKAGE_DECLARATION, (declaration) => ' '.repeat(declaration.length)));
  if (mention && !facts.unread) {
    const before = text.slice(0, mention.index).split('\n');
    facts.unread = {
      reason: `it mentions ${mention[0]}, and Rawsync reads only declarations from Java, not its calls or SQL`,
      from: { line: before.length - 1, character: 0 },
    };
  }
  return facts;
}

/** `package a.b.c;`, written once at the top of a Java file. */
const PACKAGE_DECLARATION = /^\s*package\s+[\w.]+\s*;/m;

/** Words of PowerSync's API and SQL functions (`powersync_crud`, `PowerSyncDatabase`, `RawTable`, …). */
const POWERSYNC_WORDS = /powersync\w*|\bRawTable\b|\bRoomConnectionPool\b/i;

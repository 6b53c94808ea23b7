import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import { ExpressionReader } from './expressions';
import { KotlinParser, locationOf, type Node } from './parser';
import { readDeclarations } from './declarations';
import { readCalls } from './calls';
import { readComments } from './comments';

/** What the Kotlin readers share while walking one file. */
export interface KotlinFileContext {
  uri: string;
  text: string;
  facts: FileFacts;
  expressions: ExpressionReader;
}

/** Parses one Kotlin file and returns its facts; a file with syntax errors yields what is intact. */
export function extractKotlinFacts(parser: KotlinParser, uri: string, text: string, platform: Platform, sourceSet?: string): FileFacts {
  const facts = emptyFacts(uri, 'kotlin', platform);
  facts.sourceSet = sourceSet;
  const tree = parser.parse(text);
  try {
    const ctx: KotlinFileContext = { uri, text, facts, expressions: new ExpressionReader(uri) };
    const root = tree.rootNode;
    collectSyntaxErrors(root, ctx);
    readDeclarations(root, ctx);
    readCalls(root, ctx);
    readComments(root, ctx);
  } finally {
    tree.delete();
  }
  return facts;
}

function collectSyntaxErrors(root: Node, ctx: KotlinFileContext): void {
  if (!root.hasError) return;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) {
      ctx.facts.syntaxErrors.push(locationOf(ctx.uri, node));
      continue;
    }
    if (!node.hasError) continue;
    for (const child of node.children) if (child) stack.push(child);
  }
}

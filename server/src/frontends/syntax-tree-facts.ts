import type { FileFacts } from '../model/facts';
import { locationOf, type Node } from './tree-sitter';
import { DISABLE_DIRECTIVE, parseDisableComment } from './disable-comment';

// What every tree-sitter front end reads the same way, whatever its grammar: where the parse
// failed, and the disable comments (`//` and `/* */` comments are alike in Kotlin and Java).

/** Each ERROR or missing node of the tree, outermost only. */
export function collectSyntaxErrors(root: Node, uri: string, facts: FileFacts): void {
  if (!root.hasError) return;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) {
      facts.syntaxErrors.push(locationOf(uri, node));
      continue;
    }
    if (!node.hasError) continue;
    for (const child of node.children) if (child) stack.push(child);
  }
}

/** The comment node types of the Kotlin and Java grammars. */
const COMMENT_TYPES: readonly string[] = ['line_comment', 'block_comment'];

/**
 * `// rawsync-disable-next-line <id…>` comments; a file whose text has none is not walked.
 * `commentTypes` are the grammar's comment node types (tree-sitter-typescript has one, `comment`).
 */
export function readDisableComments(root: Node, uri: string, text: string, facts: FileFacts, commentTypes: readonly string[] = COMMENT_TYPES): void {
  if (!text.includes(DISABLE_DIRECTIVE)) return;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (commentTypes.includes(node.type)) {
      const rules = parseDisableComment(node.text.replace(/^\/\/|^\/\*|\*\/$/g, ''));
      if (rules) {
        const loc = locationOf(uri, node);
        facts.disableComments.push({ line: loc.range.end.line + 1, rules, loc });
      }
      continue;
    }
    for (const child of node.children) if (child) stack.push(child);
  }
}

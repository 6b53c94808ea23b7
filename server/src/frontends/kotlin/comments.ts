import type { KotlinFileContext } from './index';
import { locationOf, type Node } from './parser';
import { DISABLE_DIRECTIVE, parseDisableComment } from '../disable-comment';

/** Collects `// rawsync-disable-next-line <id…>` comments. */
export function readComments(root: Node, ctx: KotlinFileContext): void {
  if (!ctx.text.includes(DISABLE_DIRECTIVE)) return;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'line_comment' || node.type === 'block_comment') {
      const rules = parseDisableComment(node.text.replace(/^\/\/|^\/\*|\*\/$/g, ''));
      if (rules) {
        const loc = locationOf(ctx.uri, node);
        ctx.facts.disableComments.push({ line: loc.range.end.line + 1, rules, loc });
      }
      continue;
    }
    for (const child of node.children) if (child) stack.push(child);
  }
}
